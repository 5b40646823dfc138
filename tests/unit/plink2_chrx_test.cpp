// chrX as PLINK 2 writes it. From 1000 Genomes Europeans (Debian's bolt-lmm-example, whose .fam holds real sexes),
// 60 variants renamed X, with every male call made homozygous and about 1 call in 29 missing, are written as a .bed
// and exported by plink2 as VCF (haploid GT for males), VCF with DS (haploid DS, on the 0-1 scale), BGEN 1.2 (8 bits,
// zlib) and 1.3 (16 bits, zstd), both with ploidy 1 for males, and .pgen/.psam. Every reader must give the .bed's
// calls exactly (0 or 2 for males), whole-number dosages equal to them, haploid marks on exactly the males' non-missing
// calls (none from the .bed and .pgen, which store males as homozygous diploids), and the .fam's sexes.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/atomic_output.hpp"
#include "io/bgen/bgen_source.hpp"
#include "io/pgen/pgen_source.hpp"
#include "io/plink1/bed_source.hpp"
#include "io/plink1/bed_writer.hpp"
#include "io/vcf/vcf_source.hpp"

namespace ridgeway {
namespace {

constexpr std::size_t kVariants = 60;

std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> indices(n);
    for (std::size_t i = 0; i < n; ++i) indices[i] = i;
    return indices;
}

GenotypeBlock read_all(const GenotypeSource& source) {
    GenotypeBlock block;
    source.read(all_indices(source.variants().size()), all_indices(source.samples().size()), block);
    return block;
}

class Plink2ChrX : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const std::string examples = "/usr/share/doc/bolt-lmm/examples/examples.tar.xz";
        available_ = std::filesystem::exists(examples) && std::system("plink2 --version > /dev/null 2>&1") == 0;
        if (!available_) return;
        folder_ = std::filesystem::temp_directory_path() / ("ridgeway-Plink2ChrX-" + std::to_string(::getpid()));
        std::filesystem::remove_all(folder_);
        std::filesystem::create_directories(folder_);
        const std::string dir = file("");
        const std::string extract =
            "tar xJf " + examples + " -C " + dir + " EUR_subset.bed EUR_subset.bim EUR_subset.fam";
        if (std::system(extract.c_str()) != 0) {
            problem_ = extract + " failed";
            return;
        }
        const BedSource original(dir + "EUR_subset");
        const auto& sexes = original.sexes();
        if (sexes.size() != original.samples().size()) {
            problem_ = "EUR_subset.fam: no sexes read";
            return;
        }
        GenotypeBlock block;
        original.read(all_indices(kVariants), all_indices(original.samples().size()), block);
        OutputSet outputs;
        BedWriter writer(dir + "x", original.samples(), outputs);
        std::vector<std::int8_t> calls(block.n_samples);
        for (std::size_t v = 0; v < kVariants; ++v) {
            for (std::size_t s = 0; s < calls.size(); ++s) {
                calls[s] = block.variant(v)[s];
                if (sexes[s] == Sex::male && calls[s] == 1) calls[s] = (s + v) % 2 ? 0 : 2;
                if ((v * 7 + s) % 29 == 0) calls[s] = kMissingCall;
            }
            Variant variant = original.variants()[v];
            variant.chrom = "X";
            writer.write_variant(variant, calls);
        }
        writer.close();
        outputs.commit();
        std::filesystem::copy_file(dir + "EUR_subset.fam", dir + "x.fam",
                                   std::filesystem::copy_options::overwrite_existing);
        for (const std::string export_ : {"--export vcf --out gt", "--export vcf vcf-dosage=DS-force --out ds",
                                          "--export bgen-1.2 bits=8 --out v12", "--export bgen-1.3 --out v13",
                                          "--make-pgen --out p"})
            if (std::system(("cd " + dir + " && plink2 --bfile x --threads 1 " + export_ + " >/dev/null").c_str()) != 0)
                problem_ = "plink2 " + std::string(export_) + " failed";
    }
    static void TearDownTestSuite() {
        if (!folder_.empty()) std::filesystem::remove_all(folder_);
    }
    void SetUp() override {
        if (!available_) GTEST_SKIP() << "needs plink2 and bolt-lmm-example";
        ASSERT_EQ(problem_, "");
        bed_ = std::make_unique<BedSource>(file("x"));
        expected_ = read_all(*bed_);
    }
    static std::string file(const std::string& name) { return (folder_ / name).string(); }

    // The source gives the .bed's calls, whole-number dosages equal to them, and, when `marks`, haploid marks on the
    // males' non-missing calls.
    void expect_bed_calls(const GenotypeSource& source, bool marks) const {
        ASSERT_EQ(source.variants().size(), kVariants);
        for (const auto& variant : source.variants()) EXPECT_EQ(variant.chrom, "X");
        const auto block = read_all(source);
        ASSERT_EQ(block.calls, expected_.calls) << source.describe();
        std::size_t marked = 0;
        for (std::size_t v = 0; v < block.n_variants; ++v)
            for (std::size_t s = 0; s < block.n_samples; ++s) {
                const std::int8_t call = block.variant(v)[s];
                const bool male = bed_->sexes()[s] == Sex::male;
                if (male) {
                    ASSERT_NE(call, 1);
                }
                if (block.with_dosages) {
                    const float dosage = block.dosage(v)[s];
                    ASSERT_TRUE(call == kMissingCall ? std::isnan(dosage) : dosage == static_cast<float>(call));
                }
                ASSERT_EQ(block.is_haploid(v, s), marks && male && call != kMissingCall)
                    << source.describe() << ", variant " << v << ", sample " << s;
                marked += block.is_haploid(v, s);
            }
        EXPECT_GT(marks ? marked : 1000u, 999u);
    }

    static inline std::filesystem::path folder_;
    static inline bool available_ = false;
    static inline std::string problem_;  // why the files could not be made
    std::unique_ptr<BedSource> bed_;
    GenotypeBlock expected_;
};

TEST_F(Plink2ChrX, BedAndPgenCarryTheFamSexes) {
    const auto& sexes = bed_->sexes();
    ASSERT_EQ(sexes.size(), 379u);
    EXPECT_EQ(std::count(sexes.begin(), sexes.end(), Sex::male), 178);
    EXPECT_EQ(std::count(sexes.begin(), sexes.end(), Sex::female), 201);
    expect_bed_calls(*bed_, false);
    const PgenSource pgen(file("p"), Multiallelic::skip);
    EXPECT_EQ(pgen.sexes(), sexes);
    expect_bed_calls(pgen, false);
}

TEST_F(Plink2ChrX, VcfHaploidGtAndDs) {
    for (const char* name : {"gt.vcf", "ds.vcf"}) {
        VcfSettings settings;
        settings.path = file(name);
        const VcfSource vcf(settings);
        EXPECT_TRUE(vcf.sexes().empty());
        EXPECT_EQ(vcf.has_dosages(), name[0] == 'd');
        expect_bed_calls(vcf, true);
    }
}

TEST_F(Plink2ChrX, BgenPloidyOneWithTheSexesOfTheSampleFile) {
    for (const char* name : {"v12", "v13"}) {
        const BgenSource bgen(file(std::string(name) + ".bgen"), file(std::string(name) + ".sample"), false);
        EXPECT_EQ(bgen.sexes(), bed_->sexes());
        expect_bed_calls(bgen, true);
        EXPECT_TRUE(BgenSource(file(std::string(name) + ".bgen"), "", false).sexes().empty());
    }
}

}  // namespace
}  // namespace ridgeway
