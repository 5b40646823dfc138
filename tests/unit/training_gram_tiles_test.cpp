// The training products dealt out in tiles (a distributed predict): tiles computed in parts and assembled give the
// packed products of one process bit for bit, for calls (exact int32) and
// fractional dosages (FP64); the tiles' weights count every product once; a part of the wrong size is refused.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/memory_stream.hpp"
#include "predict/training_gram.hpp"

namespace ridgeway {
namespace {

// 2,100 samples are 3 tiles (1,024, 1,024, 52); 7 variants keep the products cheap.
constexpr std::size_t kSamples = 2100, kVariants = 7;

GenotypeTable random_table(bool dosage) {
    std::mt19937 random(5);
    GenotypeTable table{kSamples, kVariants, dosage, {}, {}};
    std::uniform_int_distribution<int> call(0, 2);
    std::uniform_real_distribution<float> value(0.0f, 2.0f);
    for (std::size_t i = 0; i < kSamples * kVariants; ++i) {
        if (dosage) table.dosages.push_back(value(random));
        else table.calls.push_back(static_cast<std::int8_t>(call(random)));
    }
    return table;
}

std::string tile_bytes(const GenotypeTable& table, PartRange tiles) {
    MemoryStream stream;
    const bool written = TrainingGram::write_tiles(table, Precision::mixed, 2, tiles, stream.file());
    EXPECT_TRUE(written);
    EXPECT_EQ(std::fclose(stream.file()), 0);
    return std::string(stream.bytes());
}

TEST(TrainingGramTiles, PartsAssembleToTheProductsOfOneProcess) {
    for (const bool dosage : {false, true}) {
        const GenotypeTable table = random_table(dosage);
        const TrainingGram whole(table, Precision::mixed, 2);
        const std::vector<PartRange> parts{{0, 1}, {1, 2}};
        const std::vector<std::string> bytes{tile_bytes(table, parts[0]), tile_bytes(table, parts[1])};
        const TrainingGram assembled(kSamples, dosage, parts, [&](std::size_t k) { return bytes[k]; });
        for (std::size_t i = 0; i < kSamples; ++i)
            for (std::size_t j = 0; j <= i; ++j)
                ASSERT_EQ(whole(i, j), assembled(i, j)) << dosage << " " << i << "," << j;
    }
}

TEST(TrainingGramTiles, TileWeightsCountEveryProductOnce) {
    const std::vector<std::size_t> products = TrainingGram::tile_products(kSamples);
    ASSERT_EQ(products.size(), 3u);
    EXPECT_EQ(products[0], 1024u * (kSamples - 1024) + 1024u * 1025 / 2);
    EXPECT_EQ(products[0] + products[1] + products[2], kSamples * (kSamples + 1) / 2);
}

TEST(TrainingGramTiles, APartOfTheWrongSizeIsRefused) {
    const GenotypeTable table = random_table(false);
    std::string bytes = tile_bytes(table, {0, 3});
    bytes.pop_back();
    EXPECT_THROW(TrainingGram(kSamples, false, {{0, 3}}, [&](std::size_t) { return bytes; }), Error);
}

}  // namespace
}  // namespace ridgeway
