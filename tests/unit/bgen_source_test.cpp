// BgenSource against BGEN files built byte by byte here (a small writer following the v1.2/v1.3 specification),
// and against PLINK 2's own --export bgen-1.2 / bgen-1.3 of a PLINK 1 fileset.
//
// Tolerance: a stored probability is an integer k over 2^B - 1, so the dosage of a sample is exactly count/(2^B - 1)
// with count = 2a + b (unphased) or a + b (phased); the reader must return that quotient rounded once to float, so
// dosages are compared for equality with it, and with the probabilities the writer meant to within 2^-23 relative.

#include "bgen_test_writer.hpp"

namespace ridgeway {
namespace {

using namespace bgen_test;

// ---- decoding ---------------------------------------------------------------------------------------------------

TEST(BgenSource, WriterPacksLeastSignificantBitFirst) {
    // 3-bit values 7, 0, 2, 5: bits 111 000 010 101 from bit 0 on.
    EXPECT_EQ(pack({7, 0, 2, 5}, 3), std::string("\x87\x0a", 2));
}

TEST(BgenSource, DecodesEightBitUnphasedZlibWithMissingSample) {
    ScratchFolder folder;
    TestVariant first;
    first.samples = {{255, 0}, {0, 255}, {0, 0}, {0, 0, true}, {100, 50}};
    TestVariant second = first;
    second.snp_id = "snp2";
    second.rsid = ".";
    second.chrom = "chr22";
    second.pos = 4000000000u;
    second.alleles = {"AT", "C"};
    second.samples = {{1, 254}, {128, 127}, {254, 0}, {0, 0, true}, {0, 1}};
    TestFile file;
    file.n_samples = 5;
    file.sample_ids = {"s1", "s2", "s3", "s4", "s5"};
    file.records = {record(first, Compression::zlib), record(second, Compression::zlib)};
    const auto path = folder.write("g.bgen", bgen_bytes(file));

    BgenSource source(path, "", false);
    EXPECT_TRUE(source.has_dosages());
    ASSERT_EQ(source.samples().size(), 5u);
    EXPECT_EQ(source.samples()[2].fid, "s3");
    EXPECT_EQ(source.samples()[2].iid, "s3");
    EXPECT_FALSE(source.has_family_ids());
    ASSERT_EQ(source.variants().size(), 2u);
    EXPECT_EQ(source.variants()[0].id, "rs");
    EXPECT_EQ(source.variants()[1].id, "snp2");  // the SNP id stands in for a missing rsid
    EXPECT_EQ(source.variants()[1].chrom, "chr22");
    EXPECT_EQ(source.variants()[1].pos, 4000000000LL);
    EXPECT_EQ(source.variants()[1].allele1, "AT");
    EXPECT_EQ(source.variants()[1].allele2, "C");
    EXPECT_NE(source.describe().find("BGEN v1.2"), std::string::npos) << source.describe();
    EXPECT_NE(source.describe().find("zlib, 8 bits"), std::string::npos) << source.describe();

    const auto block = read_all(source);
    expect_dosages(block, 0, first, all_indices(5), false);
    expect_dosages(block, 1, second, all_indices(5), false);
    EXPECT_EQ(block.dosage(0)[0], 2.0f);
    EXPECT_EQ(block.dosage(0)[1], 1.0f);
    EXPECT_EQ(block.dosage(0)[2], 0.0f);
    EXPECT_EQ(block.dosage(0)[4], static_cast<float>(250.0 / 255.0));
    EXPECT_EQ(std::vector<std::int8_t>(block.variant(0), block.variant(0) + 5),
              (std::vector<std::int8_t>{2, 1, 0, -1, 1}));

    // ref_first: the second allele is counted.
    BgenSource swapped(path, "", true);
    EXPECT_EQ(swapped.variants()[1].allele1, "C");
    EXPECT_EQ(swapped.variants()[1].allele2, "AT");
    GenotypeBlock subset;
    const std::vector<std::size_t> variants{1}, samples{1, 3, 4};
    swapped.read(variants, samples, subset);
    ASSERT_EQ(subset.n_samples, 3u);
    expect_dosages(subset, 0, second, samples, true);
}

TEST(BgenSource, DecodesEveryBitDepthPhasedAndUnphasedInEveryCompression) {
    std::mt19937 random(7);
    for (Compression compression : {Compression::none, Compression::zlib, Compression::zstd})
        for (unsigned bits : {1u, 2u, 3u, 5u, 7u, 8u, 11u, 16u, 23u, 31u, 32u})
            for (bool phased : {false, true}) {
                ScratchFolder folder;
                std::vector<TestVariant> variants;
                TestFile file;
                file.compression = compression;
                file.n_samples = 11;
                for (std::uint32_t s = 0; s < file.n_samples; ++s) file.sample_ids.push_back("id" + std::to_string(s));
                for (int v = 0; v < 3; ++v) {
                    variants.push_back(random_variant(random, bits, phased, file.n_samples));
                    file.records.push_back(record(variants.back(), compression));
                }
                const auto path = folder.write("g.bgen", bgen_bytes(file));
                for (bool ref_first : {false, true}) {
                    BgenSource source(path, "", ref_first);
                    const auto block = read_all(source);
                    for (std::size_t v = 0; v < variants.size(); ++v)
                        expect_dosages(block, v, variants[v], all_indices(file.n_samples), ref_first);
                    const std::vector<std::size_t> chosen{2}, samples{0, 3, 4, 9, 10};
                    GenotypeBlock subset;
                    source.read(chosen, samples, subset);
                    expect_dosages(subset, 0, variants[2], samples, ref_first);
                }
                if (compression == Compression::zstd) {
                    const auto description = BgenSource(path, "", false).describe();
                    EXPECT_NE(description.find("BGEN v1.3"), std::string::npos) << description;
                }
            }
}

TEST(BgenSource, ReadsFromSeveralThreadsAtOnce) {
    ScratchFolder folder;
    std::mt19937 random(11);
    TestFile file;
    file.compression = Compression::zstd;
    file.n_samples = 300;
    for (std::uint32_t s = 0; s < file.n_samples; ++s) file.sample_ids.push_back("id" + std::to_string(s));
    for (int v = 0; v < 40; ++v)
        file.records.push_back(record(random_variant(random, v % 2 ? 8 : 16, v % 3 == 0, 300), file.compression));
    BgenSource source(folder.write("g.bgen", bgen_bytes(file)), "", false);
    const auto expected = read_all(source);
    std::vector<std::thread> threads;
    std::vector<int> same(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int repeat = 0; repeat < 20; ++repeat) {
                const auto block = read_all(source);
                same[t] += block.calls == expected.calls &&
                           std::memcmp(block.dosages.data(), expected.dosages.data(), 4 * expected.dosages.size()) == 0;
            }
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(same, std::vector<int>(4, 20));
}

// ---- samples ----------------------------------------------------------------------------------------------------

TEST(BgenSource, TakesSamplesFromTheSampleFile) {
    ScratchFolder folder;
    TestVariant variant;
    variant.samples = {{255, 0}, {0, 255}, {0, 0}};
    TestFile file;
    file.n_samples = 3;
    file.records = {record(variant, Compression::zlib)};
    const auto path = folder.write("g.bgen", bgen_bytes(file));
    const auto sample = folder.write("g.sample", "ID_1 ID_2 missing sex\n0 0 0 D\nf1 i1 0 1\nf2 i2 0 2\nf3 i3 0 NA\n");
    BgenSource source(path, sample, false);
    ASSERT_EQ(source.samples().size(), 3u);
    EXPECT_EQ(source.samples()[1].fid, "f2");
    EXPECT_EQ(source.samples()[1].iid, "i2");
    EXPECT_TRUE(source.has_family_ids());
    // ID_1 all 0 (PLINK 2's export without family IDs), or repeating ID_2: no family IDs.
    for (const char* ids : {"0 i1 0 1\n0 i2 0 2\n0 i3 0 NA\n", "i1 i1 0 1\ni2 i2 0 2\ni3 i3 0 NA\n"}) {
        const auto plain = folder.write("plain.sample", std::string("ID_1 ID_2 missing sex\n0 0 0 D\n") + ids);
        EXPECT_FALSE(BgenSource(path, plain, false).has_family_ids()) << ids;
    }

    // No identifiers in the file and no .sample file.
    auto [kind, message] = failure(path);
    EXPECT_EQ(kind, ErrorKind::usage);
    EXPECT_NE(message.find("--sample"), std::string::npos) << message;
    // A .sample file that does not exist.
    EXPECT_EQ(failure(path, folder.file("none.sample")).first, ErrorKind::cannot_open);
    // One sample too many: both files named.
    const auto longer = folder.write("long.sample", "ID_1 ID_2 missing\n0 0 0\na a 0\nb b 0\nc c 0\nd d 0\n");
    std::tie(kind, message) = failure(path, longer);
    EXPECT_EQ(kind, ErrorKind::inconsistent);
    EXPECT_NE(message.find("long.sample"), std::string::npos) << message;
    EXPECT_NE(message.find("g.bgen"), std::string::npos) << message;
    // Not an Oxford .sample file.
    EXPECT_EQ(failure(path, folder.write("bad.sample", "FID IID\na a\nb b\nc c\n")).first, ErrorKind::malformed);
    EXPECT_EQ(failure(path, folder.write("dup.sample", "ID_1 ID_2 missing\n0 0 0\na a 0\na a 0\nc c 0\n")).first,
              ErrorKind::malformed);
}

TEST(BgenSource, RejectsSampleIdentifiersThatDisagreeWithTheHeader) {
    ScratchFolder folder;
    TestVariant variant;
    variant.samples = {{255, 0}, {0, 255}};
    TestFile file;
    file.n_samples = 3;  // but two identifiers and two samples in the block
    file.sample_ids = {"a", "b"};
    file.records = {record(variant, Compression::zlib)};
    EXPECT_EQ(failure(folder.write("g.bgen", bgen_bytes(file))).first, ErrorKind::malformed);
    file.n_samples = 2;
    file.sample_ids = {"a", "a"};
    EXPECT_EQ(failure(folder.write("g.bgen", bgen_bytes(file))).first, ErrorKind::malformed);
}

// ---- the .bgi index ---------------------------------------------------------------------------------------------

void write_index(const std::string& bgi, const std::string& bgen_bytes_, const TestFile& file,
                 const std::vector<std::string>& rsids, long long shift = 0, const std::vector<int>& positions = {}) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(bgi.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db,
                 "CREATE TABLE Variant (chromosome TEXT NOT NULL, position INT NOT NULL, rsid TEXT NOT NULL, "
                 "number_of_alleles INT NOT NULL, allele1 TEXT NOT NULL, allele2 TEXT NULL, file_start_position INT "
                 "NOT NULL, size_in_bytes INT NOT NULL)",
                 nullptr, nullptr, nullptr);
    std::size_t offset = bgen_bytes_.size();
    for (const auto& r : file.records) offset -= r.size();
    for (std::size_t v = 0; v < file.records.size(); ++v) {
        const std::string position = std::to_string(positions.empty() ? 100 : positions[v]);
        const std::string sql = "INSERT INTO Variant VALUES ('1', " + position + ", '" + rsids[v] + "', 2, 'A', 'G', " +
                                std::to_string(offset + shift) + ", " + std::to_string(file.records[v].size()) + ")";
        ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        offset += file.records[v].size();
    }
    sqlite3_close(db);
}

TEST(BgenSource, ListsVariantsFromTheBgiIndex) {
    ScratchFolder folder;
    TestVariant second;
    TestFile file = two_variant_file(Compression::zstd, second);
    const std::string bytes = bgen_bytes(file);
    const auto path = folder.write("g.bgen", bytes);
    const auto expected = read_all(BgenSource(path, "", false));

    write_index(path + ".bgi", bytes, file, {"rs", "rs2"});
    BgenSource indexed(path, "", false);
    EXPECT_NE(indexed.describe().find("index"), std::string::npos) << indexed.describe();
    EXPECT_EQ(indexed.variants()[1].id, "rs2");
    const auto block = read_all(indexed);
    EXPECT_EQ(block.calls, expected.calls);
    EXPECT_EQ(block.dosages, expected.dosages);

    // An index that disagrees with the file: offsets, or the variants it names.
    std::filesystem::remove(path + ".bgi");
    write_index(path + ".bgi", bytes, file, {"rs", "rs2"}, 1);
    EXPECT_EQ(failure(path).first, ErrorKind::inconsistent);
    std::filesystem::remove(path + ".bgi");
    write_index(path + ".bgi", bytes, file, {"rs", "rs9"});
    const auto [kind, message] = failure(path);
    EXPECT_EQ(kind, ErrorKind::inconsistent);
    EXPECT_NE(message.find("variant 2 (rs9)"), std::string::npos) << message;
    // Not a database at all.
    folder.write("g.bgen.bgi", "not sqlite");
    EXPECT_EQ(failure(path).first, ErrorKind::malformed);
}

TEST(BgenSource, ListsOnlyTheRegionsAskedForWithOrWithoutTheIndex) {
    ScratchFolder folder;
    TestVariant second;
    TestFile file = two_variant_file(Compression::zlib, second);
    second.pos = 200;
    file.records[1] = record(second, Compression::zlib);
    const std::string bytes = bgen_bytes(file);
    const auto path = folder.write("g.bgen", bytes);
    const auto whole = read_all(BgenSource(path, "", false));
    for (const bool indexed : {false, true}) {
        if (indexed) write_index(path + ".bgi", bytes, file, {"rs", "rs2"}, 0, {100, 200});
        const BgenSource region(path, "", false, GenomicRegions::requested("", "chr1:150-250"));
        ASSERT_EQ(region.variants().size(), 1u);
        EXPECT_EQ(region.variants()[0].id, "rs2");
        EXPECT_NE(region.describe().find(indexed ? "listed from the index" : "scanned for --range"), std::string::npos)
            << region.describe();
        const auto block = read_all(region);
        EXPECT_EQ(block.dosages, std::vector<float>(whole.dosage(1), whole.dosage(1) + whole.n_samples));
        EXPECT_EQ(BgenSource(path, "", false, GenomicRegions::requested("1", "")).variants().size(), 2u);
        EXPECT_TRUE(BgenSource(path, "", false, GenomicRegions::requested("2", "")).variants().empty());
    }
}

// ---- PLINK 2's export -------------------------------------------------------------------------------------------

// 1000 Genomes Europeans from Debian's bolt-lmm-example through plink2 --export bgen-1.2 bits=8 (zlib) and
// bgen-1.3 (zstd, 16 bits): every call and every variant must come back exactly as BedSource reads the .bed.
TEST(BgenSource, ReadsWhatPlink2ExportsAsTheBedHolds) {
    const std::string examples = "/usr/share/doc/bolt-lmm/examples/examples.tar.xz";
    if (!std::filesystem::exists(examples) || std::system("plink2 --version > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "needs plink2 and bolt-lmm-example";
    ScratchFolder folder;
    const std::string dir = folder.file("");
    ASSERT_EQ(
        std::system(("tar xJf " + examples + " -C " + dir + " EUR_subset.bed EUR_subset.bim EUR_subset.fam").c_str()),
        0);
    {
        // The data has no missing calls: blank about 1 in 29 so that missing samples are exercised too.
        const BedSource original(dir + "EUR_subset");
        const auto block = read_all(original);
        OutputSet outputs;
        BedWriter writer(dir + "holes", original.samples(), outputs);
        std::vector<std::int8_t> calls(block.n_samples);
        for (std::size_t v = 0; v < block.n_variants; ++v) {
            for (std::size_t s = 0; s < calls.size(); ++s)
                calls[s] = (v * 7 + s) % 29 == 0 ? kMissingCall : block.variant(v)[s];
            writer.write_variant(original.variants()[v], calls);
        }
        writer.close();
        outputs.commit();
    }
    for (const char* format : {"bgen-1.2 bits=8", "bgen-1.3"}) {
        const std::string out = dir + (format[7] == '2' ? "v12" : "v13");
        ASSERT_EQ(std::system(("plink2 --bfile " + dir + "holes --export " + format + " --threads 1 --out " + out +
                               " > /dev/null")
                                  .c_str()),
                  0);
        const BedSource bed(dir + "holes");
        const BgenSource bgen(out + ".bgen", out + ".sample", false);
        const BgenSource stored_ids(out + ".bgen", "", false);
        ASSERT_EQ(bgen.variants().size(), bed.variants().size());
        ASSERT_EQ(bgen.samples().size(), bed.samples().size());
        for (std::size_t s = 0; s < bed.samples().size(); ++s) {
            EXPECT_EQ(bgen.samples()[s].fid, bed.samples()[s].fid);
            EXPECT_EQ(bgen.samples()[s].iid, bed.samples()[s].iid);
            EXPECT_NE(stored_ids.samples()[s].iid.find(bed.samples()[s].iid), std::string::npos);
        }
        for (std::size_t v = 0; v < bed.variants().size(); ++v) {
            const auto& expected = bed.variants()[v];
            const auto& got = bgen.variants()[v];
            ASSERT_EQ(got.id, expected.id);
            ASSERT_EQ(got.pos, expected.pos);
            ASSERT_EQ(got.allele1, expected.allele1) << got.id;
            ASSERT_EQ(got.allele2, expected.allele2) << got.id;
        }
        const auto variants = all_indices(bed.variants().size());
        std::vector<std::size_t> samples;
        for (std::size_t s = 0; s < bed.samples().size(); s += 3) samples.push_back(s);
        for (const auto& chosen : {all_indices(bed.samples().size()), samples}) {
            GenotypeBlock from_bed, from_bgen;
            bed.read(variants, chosen, from_bed);
            bgen.read(variants, chosen, from_bgen);
            ASSERT_EQ(from_bgen.calls, from_bed.calls) << format;
            std::size_t missing = 0;
            for (std::size_t i = 0; i < from_bed.calls.size(); ++i) {
                if (from_bed.calls[i] == kMissingCall) {
                    ++missing;
                    ASSERT_TRUE(std::isnan(from_bgen.dosages[i]));
                } else {
                    ASSERT_EQ(from_bgen.dosages[i], static_cast<float>(from_bed.calls[i]));
                }
            }
            EXPECT_GT(missing, 0u);
        }
    }
}

}  // namespace
}  // namespace ridgeway