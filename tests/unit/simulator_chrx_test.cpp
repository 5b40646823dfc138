// Chromosome X in the simulated cohort: its three parts at hg38 positions, one sex per sample in both the .fam and
// the covariates, males with one copy outside the pseudoautosomal regions, causal variants on X in the truth, and the
// files without chromosome X unchanged.
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/plink1/bed_source.hpp"
#include "sim/variant_layout.hpp"
#include "simulator_test_support.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using namespace testing;

SimulationSettings cohort_with_x() {
    SimulationSettings settings = small_cohort();
    settings.n_chromosome_x = 2000;  // 60 in each PAR
    settings.n_causal = 200;
    return settings;
}

enum class XPart { par1, non_par, par2, outside };

XPart part_of(const Variant& variant) {
    if (variant.chrom != "X") return XPart::outside;
    if (variant.pos >= 10'001 && variant.pos <= 2'781'479) return XPart::par1;
    if (variant.pos >= 2'781'480 && variant.pos <= 155'701'382) return XPart::non_par;
    if (variant.pos >= 155'701'383 && variant.pos <= 156'030'895) return XPart::par2;
    ADD_FAILURE() << variant.id << " outside chromosome X";
    return XPart::outside;
}

// A cohort with chromosome X, its genotypes read back and each sample's .fam sex.
class CohortWithX : public ::testing::Test {
protected:
    void SetUp() override {
        simulate(settings_, folder_.file("cohort"));
        source_ = std::make_unique<BedSource>(folder_.file("cohort"));
        genotypes_ = read_all(*source_);
        for (const auto& row : read_table(folder_.file("cohort.fam"))) male_.push_back(row.at(4) == "1");
    }
    std::vector<double> calls(std::size_t v) const { return as_doubles(genotypes_.variant(v), genotypes_.n_samples); }

    SimulationSettings settings_ = cohort_with_x();
    ScratchFolder folder_;
    std::unique_ptr<BedSource> source_;
    GenotypeBlock genotypes_;
    std::vector<bool> male_;
};

TEST_F(CohortWithX, ChromosomeXFollowsTheAutosomesInItsThreeParts) {
    const auto& variants = source_->variants();
    ASSERT_EQ(variants.size(), settings_.n_variants + settings_.n_chromosome_x);
    std::map<XPart, std::size_t> per_part;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        ++per_part[part_of(variants[v])];
        if (v < settings_.n_variants) {
            EXPECT_NE(variants[v].chrom, "X");
        } else {
            EXPECT_EQ(variants[v].id, "rsX_" + std::to_string(variants[v].pos));
            if (v > settings_.n_variants) {
                EXPECT_GT(variants[v].pos, variants[v - 1].pos);
            }
        }
    }
    EXPECT_EQ(per_part[XPart::outside], settings_.n_variants);
    EXPECT_EQ(per_part[XPart::par1], 60u);  // 3%
    EXPECT_EQ(per_part[XPart::par2], 60u);
    EXPECT_EQ(per_part[XPart::non_par], 1880u);
}

TEST_F(CohortWithX, FamSexIsTheCovariateSexAndAboutHalfAreMale) {
    const Table fam = read_table(folder_.file("cohort.fam"));
    const auto sex = column_values(read_table(folder_.file("cohort.covar")), "SEX");
    ASSERT_EQ(fam.size(), settings_.n_samples);
    ASSERT_EQ(sex.size(), settings_.n_samples);
    std::size_t males = 0;
    for (std::size_t s = 0; s < fam.size(); ++s) {
        EXPECT_EQ(fam[s].at(4), sex[s] == 1 ? "1" : "2") << fam[s].at(1);
        males += male_[s];
    }
    // Binomial(2000, 1/2): SD 22.
    EXPECT_NEAR(static_cast<double>(males), 1000.0, 100.0);
}

TEST_F(CohortWithX, MalesAreHemizygousOutsideThePseudoautosomalRegions) {
    const auto& variants = source_->variants();
    std::map<XPart, std::size_t> male_hets, female_hets;
    double male_deviation = 0, expected_deviation = 0;
    const auto layout = lay_out_chromosomes(settings_.n_variants, settings_.n_chromosomes, settings_.min_maf,
                                            settings_.seed, settings_.n_chromosome_x);
    for (std::size_t v = settings_.n_variants; v < variants.size(); ++v) {
        const auto g = calls(v);
        double male_a1 = 0, male_called = 0;
        for (std::size_t s = 0; s < g.size(); ++s) {
            (male_[s] ? male_hets : female_hets)[part_of(variants[v])] += g[s] == 1;
            if (male_[s] && !std::isnan(g[s])) male_a1 += g[s] / 2, ++male_called;
        }
        if (part_of(variants[v]) != XPart::non_par) continue;
        // A male's one copy carries A1 with the variant's frequency: his count of A1 copies is binomial(1, p).
        const double p = layout.back().variants[v - settings_.n_variants].a1_frequency;
        male_deviation += std::pow(male_a1 / male_called - p, 2);
        expected_deviation += p * (1 - p) / male_called;
    }
    EXPECT_EQ(male_hets[XPart::non_par], 0u);
    EXPECT_GT(female_hets[XPart::non_par], 1880u * 100);  // ~1000 females, mean 2pq about 0.2
    // Diploid in the PARs for everyone: about as many heterozygous males as females.
    for (const XPart part : {XPart::par1, XPart::par2}) {
        EXPECT_GT(male_hets[part], 60u * 50);
        EXPECT_NEAR(static_cast<double>(male_hets[part]) / female_hets[part], 1.0, 0.2);
    }
    EXPECT_NEAR(male_deviation / expected_deviation, 1.0, 0.15);
}

TEST_F(CohortWithX, TruthListsCausalVariantsOnXWithMalesCountedZeroOrTwo) {
    const Table truth = read_table(folder_.file("cohort.truth")), gv = read_table(folder_.file("cohort.gv"));
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < source_->variants().size(); ++v) index[source_->variants()[v].id] = v;
    std::map<std::string, std::vector<double>> rebuilt;
    std::size_t on_x = 0;
    for (std::size_t r = 1; r < truth.size(); ++r) {
        const std::size_t v = index.at(truth[r][1]);
        EXPECT_EQ(truth[r][2], source_->variants()[v].chrom);
        on_x += truth[r][2] == "X";
        const auto g = calls(v);  // as the .bed holds them: a hemizygous male 0 or 2
        const Moments m = moments(g, g);
        auto& sum = rebuilt[truth[r][0]];
        sum.resize(g.size());
        for (std::size_t s = 0; s < g.size(); ++s)
            if (!std::isnan(g[s])) sum[s] += std::stod(truth[r][5]) * (g[s] - m.mean_x) / std::sqrt(m.var_x);
    }
    // 2000 of the 5000 variants are on X: 3 traits x 200 causal variants put about 240 there.
    EXPECT_GT(on_x, 160u);
    EXPECT_LT(on_x, 320u);
    for (const std::string trait : {"Q1", "Q2", "B1"}) {
        const auto expected = column_values(gv, trait);
        for (std::size_t s = 0; s < expected.size(); ++s) ASSERT_NEAR(rebuilt.at(trait)[s], expected[s], 1e-3) << trait;
    }
}

TEST(SimulatorChromosomeX, LeavesTheAutosomesAndCovariatesAsWithoutForAnyThreadCount) {
    ScratchFolder folder;
    SimulationSettings settings = small_cohort();
    settings.n_samples = 301;
    simulate(settings, folder.file("without"));
    settings.n_chromosome_x = 150;
    settings.threads = 3;
    simulate(settings, folder.file("with"));
    settings.threads = 1;
    simulate(settings, folder.file("with_one_thread"));
    for (const char* extension : {".bed", ".bim", ".fam", ".pheno", ".covar", ".truth", ".gv"})
        EXPECT_EQ(contents(folder.file("with_one_thread") + extension), contents(folder.file("with") + extension))
            << extension;
    for (const char* extension : {".bed", ".bim"}) {
        const std::string without = contents(folder.file("without") + extension);
        const std::string with = contents(folder.file("with") + extension);
        EXPECT_GT(with.size(), without.size()) << extension;
        EXPECT_EQ(with.substr(0, without.size()), without) << extension;
    }
    EXPECT_EQ(contents(folder.file("with.covar")), contents(folder.file("without.covar")));
    const Table fam_without = read_table(folder.file("without.fam"));
    Table fam_with = read_table(folder.file("with.fam"));
    ASSERT_EQ(fam_with.size(), fam_without.size());
    for (std::size_t s = 0; s < fam_with.size(); ++s) {
        EXPECT_EQ(fam_without[s][4], "0");
        EXPECT_NE(fam_with[s][4], "0");
        fam_with[s][4] = "0";
        EXPECT_EQ(fam_with[s], fam_without[s]);
    }
}

// FNV-1a, to compare whole files with the bytes the simulator wrote before chromosome X existed.
std::uint64_t fingerprint(const std::string& bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

TEST(SimulatorChromosomeX, FilesWithoutItAreTheBytesWrittenBeforeIt) {
    ScratchFolder folder;
    SimulationSettings settings = small_cohort();
    settings.n_samples = 301;
    simulate(settings, folder.file("cohort"));
    const std::map<std::string, std::uint64_t> expected{
        {".bed", 0xc194465a4287a0eaULL},   {".bim", 0x716c1b93140ab1eULL},    {".fam", 0x1815d57814677c09ULL},
        {".pheno", 0xf8afb0103ba51c4fULL}, {".covar", 0x418e6225ff421619ULL}, {".truth", 0x6ee10af0c0700b1ULL},
        {".gv", 0xa1932d9a7d873b67ULL}};
    for (const auto& [extension, hash] : expected)
        EXPECT_EQ(fingerprint(contents(folder.file("cohort") + extension)), hash) << extension;
}

TEST(SimulatorChromosomeX, RejectsMoreVariantsThanPar2CanHold) {
    ScratchFolder folder;
    SimulationSettings settings = small_cohort();
    settings.n_chromosome_x = kMaxChromosomeXVariants + 1;
    RunLog log("simulate", Console::none);
    OutputSet outputs;
    EXPECT_THROW(simulate_cohort(settings, folder.file("bad"), outputs, log), Error);
}

}  // namespace
}  // namespace ridgeway
