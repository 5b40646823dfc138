#pragma once
// The PLINK 1 2-bit genotype codes, low bits first: 00 homozygous A1, 01 missing, 10 heterozygous, 11 homozygous A2.
#include <cstdint>

#include "io/genotype_source.hpp"

namespace ridgeway {

inline constexpr std::int8_t kBedCodeToA1Count[4] = {2, kMissingCall, 1, 0};

inline std::uint8_t a1_count_to_bed_code(std::int8_t count) {
    switch (count) {
        case 2: return 0;
        case 1: return 2;
        case 0: return 3;
        default: return 1;
    }
}

}  // namespace ridgeway
