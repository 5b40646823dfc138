#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "sim/variant_layout.hpp"
#include "simulator_test_support.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using namespace testing;

const char* const kFiles[] = {".bed", ".bim", ".fam", ".pheno", ".covar", ".truth", ".gv"};

// One simulated cohort shared by the statistical checks, and its genotypes read back.
class SimulatedCohort : public ::testing::Test {
protected:
    void SetUp() override {
        simulate(settings_, folder_.file("cohort"));
        source_ = std::make_unique<BedSource>(folder_.file("cohort"));
        genotypes_ = read_all(*source_);
    }
    std::vector<double> calls(std::size_t v) const { return as_doubles(genotypes_.variant(v), genotypes_.n_samples); }

    SimulationSettings settings_ = small_cohort();
    ScratchFolder folder_;
    std::unique_ptr<BedSource> source_;
    GenotypeBlock genotypes_;
};

TEST(Simulator, SameSeedGivesSameBytesForAnyThreadCount) {
    ScratchFolder folder;
    SimulationSettings settings = small_cohort();
    settings.n_samples = 301;  // not a multiple of 4 or 32: exercises the padding
    settings.threads = 1;
    simulate(settings, folder.file("one"));
    settings.threads = 2;
    simulate(settings, folder.file("two"));
    settings.threads = 8;
    simulate(settings, folder.file("eight"));
    settings.seed += 1;
    simulate(settings, folder.file("other"));
    for (const char* extension : kFiles) {
        const std::string expected = contents(folder.file("one") + extension);
        EXPECT_FALSE(expected.empty()) << extension;
        EXPECT_EQ(contents(folder.file("two") + extension), expected) << extension;
        EXPECT_EQ(contents(folder.file("eight") + extension), expected) << extension;
        if (std::string(extension) != ".fam") {
            EXPECT_NE(contents(folder.file("other") + extension), expected) << extension;
        }
    }
}

TEST(Simulator, RejectsFewerVariantsThanChromosomes) {
    ScratchFolder folder;
    SimulationSettings settings = small_cohort();
    settings.n_variants = 2;  // fewer than one per chromosome
    {
        RunLog log("simulate", Console::none);
        OutputSet outputs;
        EXPECT_THROW(simulate_cohort(settings, folder.file("bad"), outputs, log), Error);
    }
    for (const char* extension : kFiles) EXPECT_FALSE(std::filesystem::exists(folder.file("bad") + extension));
}

TEST_F(SimulatedCohort, VariantsAreLaidOutAlongChromosomes) {
    const auto& variants = source_->variants();
    ASSERT_EQ(variants.size(), settings_.n_variants);
    ASSERT_EQ(source_->samples().size(), settings_.n_samples);
    EXPECT_EQ(source_->samples()[0].fid, "S1");
    EXPECT_EQ(source_->samples()[0].iid, "S1");
    std::set<std::string> ids;
    std::map<std::string, std::size_t> per_chromosome;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        ids.insert(variants[v].id);
        ++per_chromosome[variants[v].chrom];
        EXPECT_NE(variants[v].allele1, variants[v].allele2);
        if (v > 0 && variants[v].chrom == variants[v - 1].chrom) {
            EXPECT_GE(variants[v].pos - variants[v - 1].pos, 1000);
            EXPECT_LE(variants[v].pos - variants[v - 1].pos, 10000);
        }
    }
    EXPECT_EQ(ids.size(), variants.size());
    EXPECT_EQ(per_chromosome, (std::map<std::string, std::size_t>{{"1", 1000}, {"2", 1000}, {"3", 1000}}));
}

TEST_F(SimulatedCohort, AlleleFrequenciesMatchTheDrawnOnes) {
    const auto chromosomes = lay_out_chromosomes(settings_.n_variants, settings_.n_chromosomes, settings_.min_maf, settings_.seed);
    std::size_t v = 0, rare = 0, outside = 0;
    for (const auto& chromosome : chromosomes)
        for (const auto& drawn : chromosome.variants) {
            double sum = 0, called = 0;
            for (double g : calls(v))
                if (!std::isnan(g)) sum += g, ++called;
            const double p = drawn.a1_frequency, observed = sum / (2 * called);
            // Haplotypes are independent across samples, so the count is binomial; 4 SD leaves ~0.2 of 3000 outside.
            outside += std::abs(observed - p) > 4 * std::sqrt(p * (1 - p) / (2 * called));
            EXPECT_GE(drawn.maf(), 0.005);
            EXPECT_LE(drawn.maf(), 0.5);
            rare += drawn.maf() < 0.05;
            ++v;
        }
    EXPECT_LE(outside, 3u);
    // Beta(1/2, 1/2) folded onto [0.005, 0.5] puts about 22% of variants below MAF 0.05.
    EXPECT_NEAR(static_cast<double>(rare) / settings_.n_variants, 0.22, 0.04);
}

TEST_F(SimulatedCohort, NeighboursAreInLinkageDisequilibrium) {
    double near = 0, far = 0;
    std::size_t pairs = 0;
    for (std::size_t v = 0; v + 100 < 1000; v += 5, ++pairs) {  // within chromosome 1
        near += moments(calls(v), calls(v + 1)).r2();
        far += moments(calls(v), calls(v + 100)).r2();
    }
    near /= pairs, far /= pairs;
    // Neighbours share a haplotype's latent state 90% of the time, but their frequencies are drawn independently, which
    // caps r^2: about 0.2 on average (as between neighbouring array SNPs). 100 variants apart only noise remains.
    EXPECT_GT(near, 0.12);
    EXPECT_LT(far, 0.005);
}

TEST_F(SimulatedCohort, MissingRateMatchesTheSetting) {
    std::size_t missing = 0;
    for (auto call : genotypes_.calls) missing += call == kMissingCall;
    const double n = static_cast<double>(genotypes_.calls.size());
    EXPECT_NEAR(missing / n, settings_.missing_rate, 5 * std::sqrt(settings_.missing_rate / n));
}

TEST_F(SimulatedCohort, TraitsHaveTheRequestedHeritabilityAndPrevalence) {
    const Table pheno = read_table(folder_.file("cohort.pheno")), gv = read_table(folder_.file("cohort.gv"));
    EXPECT_EQ(pheno.front(), (std::vector<std::string>{"FID", "IID", "Q1", "Q2", "B1"}));
    EXPECT_EQ(gv.front(), pheno.front());
    ASSERT_EQ(pheno.size(), settings_.n_samples + 1);
    for (const std::string trait : {"Q1", "Q2"}) {
        const auto y = column_values(pheno, trait), g = column_values(gv, trait);
        EXPECT_NEAR(moments(g, g).var_x, settings_.h2, 1e-4) << trait;  // scaled exactly in the sample
        const Moments m = moments(y, g);
        // Noise 1 - h2 plus the covariates' ~0.06.
        EXPECT_NEAR(m.var_x, 1.06, 0.1) << trait;
        EXPECT_NEAR(m.r2(), settings_.h2 / 1.06, 0.06) << trait;
        const auto missing = std::count_if(y.begin(), y.end(), [](double v) { return std::isnan(v); });
        EXPECT_GT(missing, 5) << trait;
        EXPECT_LT(missing, 45) << trait;
    }
    const auto b = column_values(pheno, "B1");
    double cases = 0, called = 0;
    for (double v : b)
        if (!std::isnan(v)) {
            EXPECT_TRUE(v == 1 || v == 2);
            cases += v == 2, ++called;
        }
    EXPECT_NEAR(cases / called, settings_.prevalence, 0.01);
}

TEST_F(SimulatedCohort, TruthReproducesTheGeneticValues) {
    const Table truth = read_table(folder_.file("cohort.truth")), gv = read_table(folder_.file("cohort.gv"));
    EXPECT_EQ(truth.front(), (std::vector<std::string>{"TRAIT", "ID", "CHROM", "POS", "A1", "BETA_STD"}));
    ASSERT_EQ(truth.size(), 3 * settings_.n_causal + 1);
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < source_->variants().size(); ++v) index[source_->variants()[v].id] = v;
    std::map<std::string, std::vector<double>> rebuilt;
    for (std::size_t r = 1; r < truth.size(); ++r) {
        const std::size_t v = index.at(truth[r][1]);
        const Variant& variant = source_->variants()[v];
        EXPECT_EQ(truth[r][2], variant.chrom);
        EXPECT_EQ(truth[r][3], std::to_string(variant.pos));
        EXPECT_EQ(truth[r][4], variant.allele1);
        const auto g = calls(v);
        const Moments m = moments(g, g);
        EXPECT_GE(std::min(m.mean_x, 2 - m.mean_x) / 2, 0.005);  // drawn among MAF >= 0.01
        auto& sum = rebuilt[truth[r][0]];
        sum.resize(g.size());
        for (std::size_t s = 0; s < g.size(); ++s)  // a missing call counts as the mean
            if (!std::isnan(g[s])) sum[s] += std::stod(truth[r][5]) * (g[s] - m.mean_x) / std::sqrt(m.var_x);
    }
    for (const std::string trait : {"Q1", "Q2", "B1"}) {
        const auto expected = column_values(gv, trait);
        for (std::size_t s = 0; s < expected.size(); ++s) ASSERT_NEAR(rebuilt.at(trait)[s], expected[s], 1e-3) << trait;
    }
}

TEST_F(SimulatedCohort, CovariatesIncludeACategoricalColumn) {
    const Table covar = read_table(folder_.file("cohort.covar"));
    EXPECT_EQ(covar.front(), (std::vector<std::string>{"FID", "IID", "AGE", "SEX", "SITE", "PC1", "PC2"}));
    ASSERT_EQ(covar.size(), settings_.n_samples + 1);
    std::map<std::string, std::size_t> sites;
    std::size_t missing = 0;
    for (std::size_t r = 1; r < covar.size(); ++r) {
        ++sites[covar[r][4]];
        missing += std::count(covar[r].begin(), covar[r].end(), "NA");
        if (covar[r][2] != "NA") {
            EXPECT_GE(std::stod(covar[r][2]), 40);
            EXPECT_LE(std::stod(covar[r][2]), 70);
        }
        EXPECT_TRUE(covar[r][3] == "1" || covar[r][3] == "2");
    }
    EXPECT_EQ(sites.size(), 4u);  // east, north, south and a few NA
    EXPECT_GT(sites["east"], 500u);
    EXPECT_GT(missing, 10u);  // about 0.5% of 4 columns x 2000
    EXPECT_LT(missing, 80u);
}

}  // namespace
}  // namespace ridgeway
