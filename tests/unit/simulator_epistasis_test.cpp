// Pairwise interactions of causal variants (--epistasis): the genotypes and additive draws stay as without them, the
// interaction share of the genetic variance is as asked, and the written effects rebuild the genetic values.
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "io/plink1/bed_source.hpp"
#include "linalg/orthonormal_basis.hpp"
#include "simulator_test_support.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using namespace testing;

// A cohort small enough to simulate several times per test, with few causal variants so that a regression on them
// is well determined.
SimulationSettings epistatic_cohort(double epistasis) {
    SimulationSettings settings = small_cohort();
    settings.n_causal = 20;
    settings.h2 = 0.8;
    settings.epistasis = epistasis;
    return settings;
}

// Variance of trait `trait`'s genetic value explained by least squares on an intercept and its causal variants'
// genotypes (a missing call counts as the mean).
double additive_r2(const std::string& prefix, const std::string& trait) {
    const BedSource source(prefix);
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < source.variants().size(); ++v) index[source.variants()[v].id] = v;
    std::vector<std::size_t> causal, samples(source.samples().size());
    for (const auto& row : read_table(prefix + ".truth"))
        if (row[0] == trait) causal.push_back(index.at(row[1]));
    for (std::size_t s = 0; s < samples.size(); ++s) samples[s] = s;
    GenotypeBlock block;
    source.read(causal, samples, block);
    Matrix genotypes(samples.size(), causal.size());
    for (std::size_t k = 0; k < causal.size(); ++k) {
        const auto g = as_doubles(block.variant(k), samples.size());
        const double mean = moments(g, g).mean_x;
        for (std::size_t s = 0; s < samples.size(); ++s) genotypes(s, k) = std::isnan(g[s]) ? mean : g[s];
    }
    std::vector<double> gv = column_values(read_table(prefix + ".gv"), trait);
    const double total = moments(gv, gv).var_x * static_cast<double>(gv.size());
    project_out(intercept_and_covariates_basis(genotypes), gv.data());
    double residual = 0;
    for (double r : gv) residual += r * r;
    return 1 - residual / total;
}

TEST(Simulator, EpistasisLeavesGenotypesAndAdditiveDrawsUnchanged) {
    ScratchFolder folder;
    simulate(epistatic_cohort(0), folder.file("additive"));
    simulate(epistatic_cohort(0.6), folder.file("epistatic"));
    EXPECT_FALSE(std::filesystem::exists(folder.file("additive.interactions")));
    for (const char* extension : {".bed", ".bim", ".fam", ".covar"})
        EXPECT_EQ(contents(folder.file("epistatic") + extension), contents(folder.file("additive") + extension))
            << extension;
    const Table additive = read_table(folder.file("additive.truth")), epistatic = read_table(folder.file("epistatic.truth"));
    ASSERT_EQ(epistatic.size(), additive.size());
    for (std::size_t r = 0; r < additive.size(); ++r) {
        EXPECT_EQ(epistatic[r][1], additive[r][1]);  // the same causal variants
        if (additive[r][0] == "B1") {
            EXPECT_EQ(epistatic[r], additive[r]);  // case/control traits have no interactions
        }
    }
    const auto b1 = [&](const std::string& name) { return column_values(read_table(folder.file(name + ".pheno")), "B1"); };
    const auto a = b1("additive"), e = b1("epistatic");
    for (std::size_t s = 0; s < a.size(); ++s) {
        if (!std::isnan(a[s])) {
            EXPECT_EQ(e[s], a[s]);
        }
    }
    // One pair per causal variant for each quantitative trait, of two distinct causal variants of that trait.
    const Table pairs = read_table(folder.file("epistatic.interactions"));
    EXPECT_EQ(pairs.front(), (std::vector<std::string>{"TRAIT", "ID1", "ID2", "BETA_STD"}));
    ASSERT_EQ(pairs.size(), 2 * 20 + 1);
    std::map<std::string, std::set<std::string>> causal;
    for (std::size_t r = 1; r < additive.size(); ++r) causal[additive[r][0]].insert(additive[r][1]);
    for (std::size_t r = 1; r < pairs.size(); ++r) {
        EXPECT_TRUE(pairs[r][0] == "Q1" || pairs[r][0] == "Q2");
        EXPECT_NE(pairs[r][1], pairs[r][2]);
        EXPECT_TRUE(causal[pairs[r][0]].count(pairs[r][1]) && causal[pairs[r][0]].count(pairs[r][2]));
    }
}

TEST(Simulator, EpistasisSetsTheShareOfNonAdditiveVariance) {
    ScratchFolder folder;
    for (const double epistasis : {0.0, 0.5, 1.0}) {
        const std::string prefix = folder.file("e" + std::to_string(epistasis));
        simulate(epistatic_cohort(epistasis), prefix);
        for (const std::string trait : {"Q1", "Q2"}) {
            const auto g = column_values(read_table(prefix + ".gv"), trait);
            EXPECT_NEAR(moments(g, g).var_x, 0.8, 1e-4) << trait << " " << epistasis;  // still h2 exactly
            // Products of standardized genotypes of unlinked variants are uncorrelated with either genotype, so the
            // additive regression recovers 1 - F, up to a chance fit of 20 columns to 2000 samples (about 0.01) and
            // the sample correlation between the two parts (SD about 0.02).
            const double r2 = additive_r2(prefix, trait);
            if (epistasis == 0) {
                EXPECT_GT(r2, 0.9999) << trait;
            } else {
                EXPECT_NEAR(r2, 1 - epistasis, 0.08) << trait << " " << epistasis;
            }
        }
    }
}

TEST(Simulator, TruthAndInteractionsReproduceEpistaticGeneticValues) {
    ScratchFolder folder;
    simulate(epistatic_cohort(0.5), folder.file("cohort"));
    const BedSource source(folder.file("cohort"));
    const GenotypeBlock block = read_all(source);
    const std::size_t n = block.n_samples;
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < block.n_variants; ++v) index[source.variants()[v].id] = v;
    // Standardized genotypes, a missing call counting as the mean (0).
    const auto z = [&](const std::string& id) {
        auto g = as_doubles(block.variant(index.at(id)), n);
        const Moments m = moments(g, g);
        for (auto& x : g) x = std::isnan(x) ? 0.0 : (x - m.mean_x) / std::sqrt(m.var_x);
        return g;
    };
    std::map<std::string, std::vector<double>> rebuilt;
    for (const auto& row : read_table(folder.file("cohort.truth"))) {
        if (row[0] == "TRAIT") continue;
        auto& sum = rebuilt[row[0]];
        sum.resize(n);
        const auto g = z(row[1]);
        for (std::size_t s = 0; s < g.size(); ++s) sum[s] += std::stod(row[5]) * g[s];
    }
    for (const auto& row : read_table(folder.file("cohort.interactions"))) {
        if (row[0] == "TRAIT") continue;
        const auto a = z(row[1]), b = z(row[2]);
        double mean = 0;
        for (std::size_t s = 0; s < a.size(); ++s) mean += a[s] * b[s] / static_cast<double>(a.size());
        for (std::size_t s = 0; s < a.size(); ++s) rebuilt[row[0]][s] += std::stod(row[3]) * (a[s] * b[s] - mean);
    }
    const Table gv = read_table(folder.file("cohort.gv"));
    for (const std::string trait : {"Q1", "Q2", "B1"}) {
        const auto expected = column_values(gv, trait);
        for (std::size_t s = 0; s < expected.size(); ++s) ASSERT_NEAR(rebuilt.at(trait)[s], expected[s], 2e-3) << trait;
    }
}

}  // namespace
}  // namespace ridgeway
