#include "predict/prediction_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>

#include <cblas.h>
#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "linalg/blas_threads.hpp"
#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"

namespace ridgeway {

namespace {

constexpr const char* kMagic = "#ridgeway-model 1";         // calls
constexpr const char* kDosageMagic = "#ridgeway-model 2";   // adds the genotypes record
constexpr std::size_t kPredictionTile = 1024;  // new samples per product: tile x training samples of scratch

// NA stands for a missing number (the cross-validated error of a model fitted without cross-validation).
std::string number(double value) { return std::isnan(value) ? "NA" : fmt::format("{:.17g}", value); }

class ModelReader {
public:
    explicit ModelReader(const std::string& path) : reader_(path) {}

    std::vector<std::string_view> record(const char* keyword, std::size_t min_fields) {
        next();
        if (fields_.empty() || fields_[0] != keyword) fail(fmt::format("expected a '{}' record", keyword));
        if (fields_.size() < min_fields) fail(fmt::format("'{}' needs {} fields", keyword, min_fields));
        return fields_;
    }
    // The next record, whichever it is.
    std::vector<std::string_view> any_record() {
        next();
        return fields_;
    }
    std::vector<std::string_view> line(std::size_t fields) {
        next();
        if (fields_.size() != fields) fail(fmt::format("expected {} fields, found {}", fields, fields_.size()));
        return fields_;
    }
    double number(std::string_view token) {
        auto value = parse_double(token);
        if (!value) fail(fmt::format("'{}' is not a number", token));
        return *value;
    }
    double number_or_na(std::string_view token) {
        return token == "NA" ? std::numeric_limits<double>::quiet_NaN() : number(token);
    }
    float dosage(std::string_view token) {
        float value = 0;  // read as float, not via double: the shortest decimal of a float reads back exactly
        const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
        if (ec != std::errc() || end != token.data() + token.size() || token.empty() || !(value >= 0 && value <= 2))
            fail(fmt::format("'{}' is not a dosage between 0 and 2", token));
        return value;
    }
    std::size_t count(std::string_view token) {
        auto value = parse_integer(token);
        if (!value || *value < 0) fail(fmt::format("'{}' is not a count", token));
        return static_cast<std::size_t>(*value);
    }
    const std::string& text() const { return line_; }
    [[noreturn]] void fail(const std::string& message) const { throw Error(ErrorKind::malformed, reader_.where(message)); }
    void expect_end() {
        if (reader_.next_line(line_)) fail("unexpected line after the model");
    }

private:
    void next() {
        if (!reader_.next_line(line_)) fail("the model ends early");
        fields_ = split_on(line_, '\t');
    }
    TextReader reader_;
    std::string line_;
    std::vector<std::string_view> fields_;
};

// Rows are appended as they are read, never sized from a declared count, so that a corrupt count cannot ask for
// more memory than the file itself holds.
Matrix from_rows(const std::vector<double>& row_major, std::size_t rows, std::size_t cols) {
    Matrix out(rows, cols);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) out(r, c) = row_major[r * cols + c];
    return out;
}

void read_variants(ModelReader& in, PredictionModel& model) {
    const std::size_t m = in.count(in.record("variants", 2)[1]), traits = model.traits.size();
    const std::size_t weights = model.kind == KernelKind::linear ? traits : 0;
    std::vector<double> rows;
    for (std::size_t v = 0; v < m; ++v) {
        auto f = in.line(7 + weights);
        model.variants.push_back({std::string(f[0]), std::string(f[1]), 0, static_cast<long long>(in.count(f[2])),
                                  std::string(f[3]), std::string(f[4])});
        if (model.dosage) {
            model.coding.fill.push_back(in.dosage(f[5]));
        } else {
            const std::size_t fill = in.count(f[5]);
            if (fill > 2) in.fail("the fill call must be 0, 1 or 2");
            model.coding.fill.push_back(static_cast<double>(fill));
        }
        model.coding.centre.push_back(in.number(f[6]));
        for (std::size_t t = 0; t < weights; ++t) rows.push_back(in.number(f[7 + t]));
    }
    if (model.kind == KernelKind::linear) model.weights = from_rows(rows, m, traits);
}

// One sample's genotypes: a field of M digits (calls) or M fields (dosages), appended to `table`.
void read_genotype_fields(ModelReader& in, const std::vector<std::string_view>& fields, GenotypeTable& table) {
    const std::size_t m = table.n_variants;
    if (table.dosage) {
        for (std::size_t v = 0; v < m; ++v) table.dosages.push_back(in.dosage(fields[v]));
        return;
    }
    if (fields[0].size() != m) in.fail(fmt::format("expected {} calls, found {}", m, fields[0].size()));
    for (char call : fields[0]) {
        if (call < '0' || call > '2') in.fail("calls must be digits 0, 1 or 2");
        table.calls.push_back(static_cast<std::int8_t>(call - '0'));
    }
}

void read_training_samples(ModelReader& in, PredictionModel& model) {
    const std::size_t n = in.count(in.record("samples", 2)[1]), m = model.variants.size(), traits = model.traits.size();
    const std::size_t genotype_fields = model.dosage ? m : 1;
    GenotypeTable& table = model.training;
    table = GenotypeTable{0, m, model.dosage, {}, {}};
    std::vector<double> alpha;
    for (std::size_t i = 0; i < n; ++i) {
        auto f = in.line(genotype_fields + traits);
        read_genotype_fields(in, f, table);
        ++table.n_samples;
        for (std::size_t t = 0; t < traits; ++t) alpha.push_back(in.number(f[genotype_fields + t]));
    }
    model.alpha = from_rows(alpha, n, traits);
    model.training_terms = sample_terms(KernelKind::gaussian, model.training, model.coding);
}

// One sample's genotypes as read_genotype_fields reads them.
void write_genotype_fields(const GenotypeTable& table, std::size_t i, std::string& text) {
    const std::size_t m = table.n_variants;
    if (table.dosage) {
        const float* row = table.dosages.data() + i * m;
        for (std::size_t v = 0; v < m; ++v) {
            if (v) text += '\t';
            fmt::format_to(std::back_inserter(text), "{}", row[v]);
        }
        return;
    }
    const std::int8_t* row = table.calls.data() + i * m;
    for (std::size_t v = 0; v < m; ++v) text += static_cast<char>('0' + row[v]);
}

}  // namespace

void save_model(const PredictionModel& model, const std::string& path, OutputSet& outputs) {
    std::string text = std::string(model.dosage ? kDosageMagic : kMagic) + "\n";
    text += fmt::format("kernel\t{}\n", kernel_name(model.kind));
    if (model.dosage) text += "genotypes\tdosages\n";
    text += "traits";
    for (const auto& trait : model.traits) text += "\t" + trait.name;
    text += "\ncovariates";
    for (const auto& name : model.covariate_names) text += "\t" + name;
    text += fmt::format("\nlinear\t{}\t{}\n", number(model.linear.scale), number(model.linear.centre_norm));
    for (const auto& trait : model.traits) {
        text += fmt::format("trait\t{}\t{}\t{}\t{}\t{}\t{}", trait.name, number(trait.bandwidth), number(trait.h2),
                            number(trait.penalty), number(trait.sigma2), number(trait.cv_mse));
        for (double effect : trait.covariate_effects) text += "\t" + number(effect);
        text += "\n";
    }
    text += fmt::format("variants\t{}\n", model.variants.size());
    for (std::size_t v = 0; v < model.variants.size(); ++v) {
        const Variant& variant = model.variants[v];
        const double fill = model.coding.fill[v];
        text += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}", variant.chrom, variant.id, variant.pos, variant.allele1,
                            variant.allele2, model.dosage ? number(fill) : std::to_string(static_cast<int>(fill)),
                            number(model.coding.centre[v]));
        if (model.kind == KernelKind::linear)
            for (std::size_t t = 0; t < model.traits.size(); ++t) text += "\t" + number(model.weights(v, t));
        text += "\n";
    }
    if (model.kind == KernelKind::gaussian) {
        const GenotypeTable& table = model.training;
        text += fmt::format("samples\t{}\n", table.n_samples);
        // Hundreds of megabytes for a large training set: reserved once (calls: a digit per genotype; dosages: about
        // ten characters).
        const std::size_t genotype_chars = table.dosage ? 10 : 1;
        text.reserve(text.size() + table.n_samples * (genotype_chars * table.n_variants + 1 + 25 * model.traits.size()));
        for (std::size_t i = 0; i < table.n_samples; ++i) {
            write_genotype_fields(table, i, text);
            for (std::size_t t = 0; t < model.traits.size(); ++t) text += "\t" + number(model.alpha(i, t));
            text += "\n";
        }
    }
    write_output_file(outputs, path, text);
}

PredictionModel load_model(const std::string& path) {
    ModelReader in(path);
    PredictionModel model;
    const auto magic = in.any_record();
    if (magic.size() != 1 || (magic[0] != kMagic && magic[0] != kDosageMagic)) in.fail("not a ridgeway model");
    const bool version2 = magic[0] == kDosageMagic;
    auto kernel = in.record("kernel", 2);
    if (kernel[1] != "linear" && kernel[1] != "gaussian") in.fail("unknown kernel");
    model.kind = parse_kernel(std::string(kernel[1]));
    if (version2) {
        auto genotypes = in.record("genotypes", 2);
        if (genotypes[1] != "calls" && genotypes[1] != "dosages") in.fail("genotypes must be calls or dosages");
        model.dosage = genotypes[1] == "dosages";
    }
    const auto name_fields = in.record("traits", 2);  // views into the current line: copied before the next
    const std::vector<std::string> names(name_fields.begin(), name_fields.end());
    auto covariates = in.record("covariates", 1);
    for (std::size_t c = 1; c < covariates.size(); ++c) model.covariate_names.emplace_back(covariates[c]);
    auto linear = in.record("linear", 3);
    model.linear = KernelFunction{KernelKind::linear, 1, in.number(linear[1]), in.number(linear[2])};
    for (std::size_t t = 1; t < names.size(); ++t) {
        auto f = in.record("trait", 8 + model.covariate_names.size());
        if (f.size() != 8 + model.covariate_names.size()) in.fail("wrong number of covariate effects");
        if (f[1] != names[t]) in.fail(fmt::format("expected trait {}", names[t]));
        TraitModel trait{std::string(f[1]), in.number(f[2]), in.number(f[3]), in.number(f[4]), in.number(f[5]),
                         in.number_or_na(f[6]), {}};
        for (std::size_t c = 7; c < f.size(); ++c) trait.covariate_effects.push_back(in.number(f[c]));
        model.traits.push_back(trait);
    }
    read_variants(in, model);
    if (model.kind == KernelKind::gaussian) read_training_samples(in, model);
    in.expect_end();
    return model;
}

Matrix genetic_predictions(const PredictionModel& model, const GenotypeTable& genotypes, Precision precision,
                           int threads) {
    if (model.kind == KernelKind::linear) return centred_scores(genotypes, {}, model.coding.centre, model.weights);
    const std::size_t n = genotypes.n_samples, traits = model.traits.size();
    Matrix out(n, traits);
    // Calls against calls: exact integer products. Dosages on either side: FP64 products of dosages, the side that
    // holds calls widened once.
    const bool exact = !model.training.dosage && !genotypes.dosage;
    std::optional<GenotypeTable> widened_training, widened_new;
    const GenotypeTable& train =
        exact || model.training.dosage ? model.training : widened_training.emplace(as_dosages(model.training));
    const GenotypeTable& input = exact || genotypes.dosage ? genotypes : widened_new.emplace(as_dosages(genotypes));
    const std::size_t n_train = train.n_samples;
    const std::vector<double> terms = sample_terms(KernelKind::gaussian, input, model.coding);
    std::vector<std::int32_t> exact_products;
    std::vector<double> dosage_products;
    std::vector<double> kernel;  // row-major, like the products
    for (std::size_t begin = 0; begin < n; begin += kPredictionTile) {
        const std::size_t end = std::min(n, begin + kPredictionTile), rows = end - begin;
        kernel.resize(rows * n_train);
        if (exact) {
            exact_products.resize(rows * n_train);
            cross_product(input.call_rows(begin, end), train.call_rows(0, n_train), precision, threads,
                          exact_products.data(), n_train);
        } else {
            dosage_products.resize(rows * n_train);
            dosage_cross_product(input.dosage_rows(begin, end), train.dosage_rows(0, n_train), threads,
                                 dosage_products.data(), n_train);
        }
        const auto product = [&](std::size_t at) { return exact ? exact_products[at] : dosage_products[at]; };
        double built_for = std::numeric_limits<double>::quiet_NaN();  // traits often share a bandwidth
        for (std::size_t t = 0; t < traits; ++t) {
            const KernelFunction function{KernelKind::gaussian, model.traits[t].sigma2, 1, 0};
            if (function.sigma2 != built_for)
                for (std::size_t r = 0; r < rows; ++r)
                    for (std::size_t j = 0; j < n_train; ++j)
                        kernel[r * n_train + j] =
                            function(product(r * n_train + j), terms[begin + r], model.training_terms[j]);
            built_for = function.sigma2;
            const BlasThreads blas(threads);
            cblas_dgemv(CblasRowMajor, CblasNoTrans, static_cast<int>(rows), static_cast<int>(n_train), 1.0,
                        kernel.data(), static_cast<int>(n_train), model.alpha.column(t), 1, 0.0, out.column(t) + begin, 1);
        }
    }
    return out;
}

Matrix covariate_predictions(const PredictionModel& model, const Matrix& covariates) {
    Matrix out(covariates.rows(), model.traits.size());
    for (std::size_t t = 0; t < model.traits.size(); ++t) {
        const auto& effects = model.traits[t].covariate_effects;
        for (std::size_t i = 0; i < covariates.rows(); ++i) {
            double value = effects[0];
            for (std::size_t c = 0; c < covariates.cols(); ++c) value += effects[c + 1] * covariates(i, c);
            out(i, t) = value;
        }
    }
    return out;
}

}  // namespace ridgeway
