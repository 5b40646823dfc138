// Prediction on dosages: the coding of dosage tables, the dosage Gram's kernels against the kernels computed
// directly in FP64 from the dosages, the exact median of the squared distances against a sort, integral dosages
// against the call path (bit for bit: FP64 sums of small integer products are exact), and dosage models through
// their file.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "core/atomic_output.hpp"
#include "predict/genotype_table.hpp"
#include "predict/kernel.hpp"
#include "predict/prediction_model.hpp"
#include "predict/training_gram.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

// Genotypes held in memory, variant-major over every sample: calls, and dosages when given.
class MemorySource final : public GenotypeSource {
public:
    MemorySource(std::size_t samples, std::vector<std::int8_t> calls, std::vector<float> dosages)
        : samples_(samples), calls_(std::move(calls)), dosages_(std::move(dosages)) {
        for (std::size_t v = 0; v < calls_.size() / samples; ++v)
            variants_.push_back({"1", "v" + std::to_string(v), 0, static_cast<long long>(v + 1), "A", "C"});
    }
    const std::vector<SampleId>& samples() const override { return samples_; }
    bool has_family_ids() const override { return true; }
    const std::vector<Variant>& variants() const override { return variants_; }
    std::string describe() const override { return "memory"; }
    bool has_dosages() const override { return !dosages_.empty(); }
    void read(std::span<const std::size_t> variants, std::span<const std::size_t> samples,
              GenotypeBlock& block) const override {
        block.resize(variants.size(), samples.size(), has_dosages());
        const std::size_t n = samples_.size();
        for (std::size_t k = 0; k < variants.size(); ++k)
            for (std::size_t s = 0; s < samples.size(); ++s) {
                block.variant(k)[s] = calls_[variants[k] * n + samples[s]];
                if (has_dosages()) block.dosage(k)[s] = dosages_[variants[k] * n + samples[s]];
            }
    }

private:
    std::vector<SampleId> samples_;
    std::vector<Variant> variants_;
    std::vector<std::int8_t> calls_;
    std::vector<float> dosages_;
};

GenotypeTable random_calls(std::size_t n, std::size_t m, unsigned seed) {
    std::mt19937 random(seed);
    GenotypeTable table{n, m, false, std::vector<std::int8_t>(n * m), {}};
    for (std::size_t v = 0; v < m; ++v) {
        const double p = 0.05 + 0.4 * std::uniform_real_distribution<double>(0, 1)(random);
        std::binomial_distribution<int> call(2, p);
        for (std::size_t i = 0; i < n; ++i) table.calls[i * m + v] = static_cast<std::int8_t>(call(random));
    }
    return table;
}

// Calls moved by up to 0.45 towards their neighbours, as imputed dosages are.
GenotypeTable random_dosages(std::size_t n, std::size_t m, unsigned seed) {
    GenotypeTable table = as_dosages(random_calls(n, m, seed));
    std::mt19937 random(seed + 100);
    std::uniform_real_distribution<float> shift(-0.45f, 0.45f);
    for (float& d : table.dosages) d = std::clamp(d + shift(random), 0.0f, 2.0f);
    return table;
}

VariantCoding column_means(const GenotypeTable& table) {
    VariantCoding coding{std::vector<double>(table.n_variants), std::vector<double>(table.n_variants, 0.0)};
    table.visit([&](const auto* values) {
        for (std::size_t i = 0; i < table.n_samples; ++i)
            for (std::size_t v = 0; v < table.n_variants; ++v) coding.centre[v] += values[i * table.n_variants + v];
    });
    for (double& c : coding.centre) c /= static_cast<double>(table.n_samples);
    return coding;
}

double value(const GenotypeTable& table, std::size_t i, std::size_t v) {
    return table.dosage ? table.dosages[i * table.n_variants + v] : table.calls[i * table.n_variants + v];
}

// K_ij computed from its definition (kernel.hpp) rather than from products: (g_i - c).(g_j - c) / s or
// exp(-||g_i - g_j||^2 / (2 sigma^2)).
double direct_kernel(const KernelFunction& kernel, const GenotypeTable& table, const VariantCoding& coding,
                     std::size_t i, std::size_t j) {
    double sum = 0;
    for (std::size_t v = 0; v < table.n_variants; ++v) {
        const double a = value(table, i, v), b = value(table, j, v);
        sum += kernel.kind == KernelKind::linear ? (a - coding.centre[v]) * (b - coding.centre[v]) : (a - b) * (a - b);
    }
    return kernel.kind == KernelKind::linear ? sum / kernel.scale : std::exp(-sum / (2 * kernel.sigma2));
}

// The kernels a fit fills from a Gram: one system over `rows` (lower triangle) and one cross kernel.
struct FilledKernels {
    std::vector<double> lower, cross;
};

const std::vector<std::size_t> kSystemRows{0, 2, 3, 7, 8, 11, 20, 30, 31, 36};
const std::vector<std::size_t> kHeldRows{1, 4, 9, 33}, kTrainRows{0, 5, 6, 12, 35, 36};

FilledKernels fill(const TrainingGram& gram, const KernelFunction& kernel, const std::vector<double>& terms) {
    FilledKernels out{std::vector<double>(kSystemRows.size() * kSystemRows.size(), 0.0),
                      std::vector<double>(kHeldRows.size() * kTrainRows.size())};
    gram.fill_lower(kernel, terms, kSystemRows, out.lower.data(), kSystemRows.size(), 2);
    gram.fill_cross(kernel, terms, kHeldRows, kTrainRows, out.cross.data(), kHeldRows.size(), 1);
    return out;
}

std::vector<KernelFunction> kernels_of(const VariantCoding& coding) {
    return {linear_kernel(coding), KernelFunction{KernelKind::gaussian, 9.5, 1, 0}};
}

// Kernel entries are O(1); they are assembled from FP64 sums of 53 products no larger than 4, whose rounding
// (at most 53 x 2^-53 x 212, about 1.3e-12, before the linear kernel's division by s of about 15) bounds how far
// the product route may be from the direct sums. Any error in the assembly is of order 0.01 or more.
constexpr double kKernelTolerance = 1e-11;

TEST(DosageKernels, GramKernelsMatchDirectFP64Kernels) {
    const GenotypeTable table = random_dosages(37, 53, 1);
    const VariantCoding coding = column_means(table);
    const TrainingGram gram(table, Precision::mixed, 2);
    for (const KernelFunction& kernel : kernels_of(coding)) {
        const FilledKernels filled = fill(gram, kernel, sample_terms(kernel.kind, table, coding));
        const std::size_t n = kSystemRows.size();
        for (std::size_t c = 0; c < n; ++c)
            for (std::size_t r = c; r < n; ++r)
                ASSERT_NEAR(filled.lower[c * n + r], direct_kernel(kernel, table, coding, kSystemRows[r], kSystemRows[c]),
                            kKernelTolerance) << kernel_name(kernel.kind) << " " << r << "," << c;
        for (std::size_t c = 0; c < kTrainRows.size(); ++c)
            for (std::size_t r = 0; r < kHeldRows.size(); ++r)
                ASSERT_NEAR(filled.cross[c * kHeldRows.size() + r],
                            direct_kernel(kernel, table, coding, kHeldRows[r], kTrainRows[c]), kKernelTolerance)
                    << kernel_name(kernel.kind) << " " << r << "," << c;
    }
}

TEST(DosageKernels, IntegralDosagesGiveTheCallKernelsExactly) {
    const GenotypeTable calls = random_calls(37, 53, 2), dosages = as_dosages(calls);
    const VariantCoding coding = column_means(calls);
    const TrainingGram call_gram(calls, Precision::mixed, 2), dosage_gram(dosages, Precision::fp64, 1);
    for (std::size_t i = 0; i < calls.n_samples; ++i)
        for (std::size_t j = 0; j <= i; ++j) ASSERT_EQ(call_gram(i, j), dosage_gram(i, j)) << i << "," << j;
    EXPECT_EQ(call_gram.median_squared_distance(2), dosage_gram.median_squared_distance(2));
    for (const KernelFunction& kernel : kernels_of(coding)) {
        const std::vector<double> call_terms = sample_terms(kernel.kind, calls, coding);
        EXPECT_EQ(call_terms, sample_terms(kernel.kind, dosages, coding));
        const FilledKernels a = fill(call_gram, kernel, call_terms), b = fill(dosage_gram, kernel, call_terms);
        EXPECT_EQ(a.lower, b.lower) << kernel_name(kernel.kind);
        EXPECT_EQ(a.cross, b.cross) << kernel_name(kernel.kind);
    }
    Matrix weights(53, 2);
    for (std::size_t i = 0; i < 53 * 2; ++i) weights.data()[i] = std::sin(static_cast<double>(i));
    const Matrix x = centred_scores(calls, {}, coding.centre, weights), y = centred_scores(dosages, {}, coding.centre, weights);
    EXPECT_TRUE(std::equal(x.data(), x.data() + 37 * 2, y.data()));
}

// Every pair's squared distance as the Gram forms it (g_i.g_i + g_j.g_j - 2 g_i.g_j), sorted: its lower median must
// be the Gram's median exactly. Distances summed directly from the dosages differ by rounding only (the sums are of
// about M = 6 to 53 terms no larger than 4: relative 1e-12 is generous). 3000 samples make 4.5 million pairs, more
// than the median copies at once, so the histogram passes run too.
TEST(DosageKernels, MedianSquaredDistanceIsExact) {
    for (const auto& [n, m] : {std::pair<std::size_t, std::size_t>{37, 53}, {3000, 6}}) {
        const GenotypeTable table = random_dosages(n, m, 3);
        const TrainingGram gram(table, Precision::mixed, 2);
        std::vector<double> from_gram, direct;
        for (std::size_t i = 1; i < n; ++i)
            for (std::size_t j = 0; j < i; ++j) {
                from_gram.push_back(gram(i, i) + gram(j, j) - 2 * gram(i, j));
                double sum = 0;
                for (std::size_t v = 0; v < m; ++v) sum += std::pow(value(table, i, v) - value(table, j, v), 2);
                direct.push_back(sum);
            }
        const std::size_t rank = (from_gram.size() + 1) / 2 - 1;
        std::nth_element(from_gram.begin(), from_gram.begin() + static_cast<std::ptrdiff_t>(rank), from_gram.end());
        std::nth_element(direct.begin(), direct.begin() + static_cast<std::ptrdiff_t>(rank), direct.end());
        const double median = gram.median_squared_distance(2);
        EXPECT_EQ(median, from_gram[rank]) << n;
        EXPECT_NEAR(median, direct[rank], 1e-12 * direct[rank]) << n;
    }
}

TEST(DosageKernels, ReadingFillsMissingDosagesWithTheTrainingMean) {
    // 4 samples x 3 variants, variant-major; NaN is a missing dosage.
    const std::vector<float> dosages{0.5f, NAN, 1.25f, 2.0f, /**/ NAN, NAN, NAN, NAN, /**/ 0.1f, 0.2f, 0.3f, 0.4f};
    std::vector<std::int8_t> calls;
    for (float d : dosages) calls.push_back(nearest_call(d));
    const MemorySource source(4, calls, dosages);
    VariantCoding coding;
    const GenotypeTable table = read_training_genotypes(source, {0, 1, 2}, {0, 1, 2, 3}, 2, coding);
    ASSERT_TRUE(table.dosage);
    const float mean = static_cast<float>((0.5 + 1.25 + 2.0) / 3);
    EXPECT_EQ(coding.fill[0], mean);
    EXPECT_DOUBLE_EQ(coding.centre[0], (0.5 + 1.25 + 2.0 + mean) / 4);
    EXPECT_EQ(coding.fill[1], 0.0);  // nothing observed
    EXPECT_EQ(table.dosages[1 * 3 + 0], mean);  // sample 1, variant 0
    EXPECT_EQ(table.dosages[3 * 3 + 2], 0.4f);

    // Other samples under that coding: variant 2 counted on the other allele, variant 1 absent from the file, and a
    // file of calls read as whole-number dosages.
    const MemorySource call_file(4, calls, {});
    const GenotypeTable other =
        read_genotypes(call_file, {0, kAbsentVariant, 2}, {false, false, true}, {1, 3}, coding, true, 1);
    ASSERT_TRUE(other.dosage);
    EXPECT_EQ(other.dosages, (std::vector<float>{mean, 0.0f, 2.0f, /**/ 2.0f, 0.0f, 2.0f}));
}

TEST(DosageKernels, DosageModelsPredictTheSameAfterTheirFile) {
    const testing::ScratchFolder folder;
    for (KernelKind kind : {KernelKind::linear, KernelKind::gaussian}) {
        const GenotypeTable table = random_dosages(12, 7, 4), others = random_dosages(5, 7, 5);
        PredictionModel model;
        model.kind = kind;
        model.dosage = true;
        model.coding = column_means(table);
        model.coding.fill = model.coding.centre;
        for (double& fill : model.coding.fill) fill = static_cast<float>(fill);
        model.linear = linear_kernel(model.coding);
        for (std::size_t v = 0; v < 7; ++v)
            model.variants.push_back({"1", "v" + std::to_string(v), 0, static_cast<long long>(v + 1), "A", "C"});
        model.traits = {{"T", 1, 0.5, 0.3, 4.5, NAN, {0.25}}};
        model.weights = Matrix(7, 1);
        model.alpha = Matrix(12, 1);
        for (std::size_t i = 0; i < 7; ++i) model.weights(i, 0) = std::cos(static_cast<double>(i));
        for (std::size_t i = 0; i < 12; ++i) model.alpha(i, 0) = std::sin(static_cast<double>(i));
        if (kind == KernelKind::gaussian) {
            model.training = table;
            model.training_terms = sample_terms(kind, table, model.coding);
        }
        const std::string path = folder.file(std::string(kernel_name(kind)) + ".model");
        {
            OutputSet outputs;
            save_model(model, path, outputs);
            outputs.commit();
        }
        const PredictionModel loaded = load_model(path);
        EXPECT_TRUE(loaded.dosage);
        EXPECT_EQ(loaded.coding.fill, model.coding.fill);
        EXPECT_EQ(loaded.training.dosages, model.training.dosages);
        for (const GenotypeTable* input : {&others, &table}) {
            const Matrix before = genetic_predictions(model, *input, Precision::mixed, 1);
            const Matrix after = genetic_predictions(loaded, *input, Precision::mixed, 1);
            for (std::size_t i = 0; i < input->n_samples; ++i)
                EXPECT_EQ(after(i, 0), before(i, 0)) << kernel_name(kind) << " sample " << i;
        }
    }
}

}  // namespace
}  // namespace ridgeway
