#pragma once
// A test-side BGEN writer (v1.2/v1.3 layouts, every bit depth, phased and unphased, each compression) and the
// readers' expectations, shared by the BgenSource tests.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <zlib.h>
#include <zstd.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "io/bgen/bgen_source.hpp"
#include "io/plink1/bed_source.hpp"
#include "io/plink1/bed_writer.hpp"
#include "test_files.hpp"

namespace ridgeway::bgen_test {

using testing::ScratchFolder;

// ---- a test-side BGEN writer -------------------------------------------------------------------------------------

inline void put16(std::string& out, std::uint32_t value) {
    for (int i = 0; i < 2; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}
inline void put32(std::string& out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}
inline void put_text16(std::string& out, const std::string& text) {
    put16(out, static_cast<std::uint32_t>(text.size()));
    out += text;
}

// Values of `bits` bits each, packed least significant bit first, as BGEN stores probabilities.
inline std::string pack(const std::vector<std::uint64_t>& values, unsigned bits) {
    std::string out((values.size() * bits + 7) / 8, '\0');
    std::uint64_t bit = 0;
    for (auto value : values)
        for (unsigned k = 0; k < bits; ++k, ++bit)
            if ((value >> k) & 1) out[bit / 8] = static_cast<char>(out[bit / 8] | (1 << (bit % 8)));
    return out;
}

struct TestSample {
    // P(11) and P(12), or each haplotype's P(allele 1), in 1/(2^B - 1) units; a haploid sample stores only `first`,
    // P(allele 1)
    std::uint64_t first = 0, second = 0;
    bool missing = false;
    unsigned ploidy = 2;
};

struct TestVariant {
    std::string snp_id = "snp", rsid = "rs", chrom = "1";
    std::uint32_t pos = 100;
    std::vector<std::string> alleles{"A", "G"};
    unsigned bits = 8;
    bool phased = false;
    std::vector<TestSample> samples;
};

enum class Compression { none = 0, zlib = 1, zstd = 2 };

inline std::string probability_data(const TestVariant& variant) {
    std::string out;
    put32(out, static_cast<std::uint32_t>(variant.samples.size()));
    put16(out, static_cast<std::uint32_t>(variant.alleles.size()));
    unsigned min_ploidy = 63, max_ploidy = 0;
    for (const auto& sample : variant.samples) {
        min_ploidy = std::min(min_ploidy, sample.ploidy);
        max_ploidy = std::max(max_ploidy, sample.ploidy);
    }
    out += static_cast<char>(variant.samples.empty() ? 2 : min_ploidy);
    out += static_cast<char>(variant.samples.empty() ? 2 : max_ploidy);
    // A biallelic sample of ploidy Z stores Z values, phased or not: `first`, then `second`, then zeros.
    std::vector<std::uint64_t> values;
    for (const auto& sample : variant.samples) {
        out += static_cast<char>(sample.ploidy | (sample.missing ? 0x80 : 0));
        for (unsigned k = 0; k < sample.ploidy; ++k)
            values.push_back(k == 0 ? sample.first : k == 1 ? sample.second : 0);
    }
    out += static_cast<char>(variant.phased ? 1 : 0);
    out += static_cast<char>(variant.bits);
    return out + pack(values, variant.bits);
}

inline std::string compress(const std::string& data, Compression compression) {
    std::string out;
    if (compression == Compression::zlib) {
        uLongf size = compressBound(static_cast<uLong>(data.size()));
        out.resize(size);
        compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()), data.size(),
                  6);
        out.resize(size);
    } else {
        out.resize(ZSTD_compressBound(data.size()));
        out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
    }
    return out;
}

// A whole variant record; `data` replaces the probability data when given (to corrupt it).
inline std::string record(const TestVariant& variant, Compression compression, const std::string* data = nullptr) {
    std::string out;
    put_text16(out, variant.snp_id);
    put_text16(out, variant.rsid);
    put_text16(out, variant.chrom);
    put32(out, variant.pos);
    put16(out, static_cast<std::uint32_t>(variant.alleles.size()));
    for (const auto& allele : variant.alleles) {
        put32(out, static_cast<std::uint32_t>(allele.size()));
        out += allele;
    }
    const std::string probabilities = data ? *data : probability_data(variant);
    std::string block;
    if (compression == Compression::none) {
        block = probabilities;
    } else {
        put32(block, static_cast<std::uint32_t>(probabilities.size()));
        block += compress(probabilities, compression);
    }
    put32(out, static_cast<std::uint32_t>(block.size()));
    return out + block;
}

struct TestFile {
    Compression compression = Compression::zlib;
    unsigned layout = 2;
    std::uint32_t n_samples = 0;
    std::vector<std::string> sample_ids;  // stored when not empty
    std::vector<std::string> records;
};

inline std::string bgen_bytes(const TestFile& file) {
    std::string header;
    const std::string free_data = "ridgeway test";
    put32(header, static_cast<std::uint32_t>(20 + free_data.size()));
    put32(header, static_cast<std::uint32_t>(file.records.size()));
    put32(header, file.n_samples);
    header += "bgen" + free_data;
    const std::uint32_t flags =
        static_cast<std::uint32_t>(file.compression) | (file.layout << 2) | (file.sample_ids.empty() ? 0u : 1u << 31);
    put32(header, flags);
    std::string ids;
    if (!file.sample_ids.empty()) {
        std::string list;
        for (const auto& id : file.sample_ids) put_text16(list, id);
        put32(ids, static_cast<std::uint32_t>(8 + list.size()));
        put32(ids, static_cast<std::uint32_t>(file.sample_ids.size()));
        ids += list;
    }
    std::string out;
    put32(out, static_cast<std::uint32_t>(header.size() + ids.size()));
    out += header + ids;
    for (const auto& r : file.records) out += r;
    return out;
}

// ---- helpers ----------------------------------------------------------------------------------------------------

inline std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> indices(n);
    for (std::size_t i = 0; i < n; ++i) indices[i] = i;
    return indices;
}

inline GenotypeBlock read_all(const GenotypeSource& source) {
    GenotypeBlock block;
    source.read(all_indices(source.variants().size()), all_indices(source.samples().size()), block);
    return block;
}

// The dosage a sample's stored values stand for, as exactly as a double holds it (a haploid sample's on the diploid
// scale).
inline double exact_dosage(const TestVariant& variant, const TestSample& sample, bool count_second) {
    const double max = std::ldexp(1.0, static_cast<int>(variant.bits)) - 1;
    const double count = sample.ploidy == 1 ? double(2 * sample.first)
                         : variant.phased   ? double(sample.first + sample.second)
                                            : double(2 * sample.first + sample.second);
    return (count_second ? 2 * max - count : count) / max;
}

inline void expect_dosages(const GenotypeBlock& block, std::size_t v, const TestVariant& variant,
                    const std::vector<std::size_t>& samples, bool count_second) {
    for (std::size_t k = 0; k < samples.size(); ++k) {
        const auto& sample = variant.samples[samples[k]];
        const float dosage = block.dosage(v)[k];
        if (sample.missing || sample.ploidy == 0) {
            EXPECT_TRUE(std::isnan(dosage));
            EXPECT_EQ(block.variant(v)[k], kMissingCall);
            EXPECT_FALSE(block.is_haploid(v, k));
            continue;
        }
        EXPECT_EQ(block.is_haploid(v, k), sample.ploidy == 1) << "sample " << samples[k];
        const double exact = exact_dosage(variant, sample, count_second);
        EXPECT_EQ(dosage, static_cast<float>(exact)) << variant.bits << " bits, sample " << samples[k];
        EXPECT_NEAR(dosage, exact, 2.4e-7 * exact);
        EXPECT_EQ(block.variant(v)[k], nearest_call(dosage));
    }
}

// Error kind and message of opening (and reading all of) a file; kind usage and empty message when nothing throws.
inline std::pair<ErrorKind, std::string> failure(const std::string& bgen, const std::string& sample = "") {
    try {
        BgenSource source(bgen, sample, false);
        read_all(source);
    } catch (const Error& error) {
        return {error.kind(), error.what()};
    }
    return {ErrorKind::usage, ""};
}

inline TestVariant random_variant(std::mt19937& random, unsigned bits, bool phased, std::size_t n_samples) {
    TestVariant variant;
    variant.bits = bits;
    variant.phased = phased;
    const std::uint64_t max = (std::uint64_t{1} << bits) - 1;
    for (std::size_t s = 0; s < n_samples; ++s) {
        TestSample sample;
        sample.first = std::uniform_int_distribution<std::uint64_t>(0, max)(random);
        sample.second = std::uniform_int_distribution<std::uint64_t>(0, phased ? max : max - sample.first)(random);
        sample.missing = s % 5 == 3;
        if (sample.missing) sample.first = sample.second = 0;
        variant.samples.push_back(sample);
    }
    return variant;
}

// Two three-sample variants; the second is returned for the caller to alter.
inline TestFile two_variant_file(Compression compression, TestVariant& second) {
    TestVariant first;
    first.samples = {{255, 0}, {0, 255}, {0, 0}};
    second = first;
    second.rsid = "rs2";
    TestFile file;
    file.compression = compression;
    file.n_samples = 3;
    file.sample_ids = {"a", "b", "c"};
    file.records = {record(first, compression), record(second, compression)};
    return file;
}

}  // namespace ridgeway::bgen_test
