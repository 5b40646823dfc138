#pragma once
// The multiallelic hard-call track of a PGEN record (record type bit 3). The main track says REF/ALT1 for category
// 1 and ALT1/ALT1 for category 2; this track patches the calls that involve a later ALT allele. It starts with a
// byte whose low and high 4 bits give the format of the category-1 and the category-2 patch: 15 none, 0 a bit per
// sample of that category (set: patched), 1 a difflist of the patched samples. Then come the patched alleles,
// packed: for category 1 the ALT index minus 2 (0 bits with 2 ALTs, 1 bit with 3, 2 with 4-5, 4 with 6-17,
// 8 beyond); for category 2 a bit with 2 ALTs (set: ALT2/ALT2, clear: ALT1/ALT2), else a pair of ALT indices minus
// 1, the smaller first (2 bits each with 3-4 ALTs, 4 with 5-16, 8 beyond).
#include <cstdint>
#include <span>
#include <vector>

#include "io/binary/byte_cursor.hpp"
#include "io/pgen/pgen_difflist.hpp"
#include "io/pgen/pgen_record_context.hpp"

namespace ridgeway {

// Alleles of PGEN hard calls are read up to this count (PLINK 2 writes at most 255).
inline constexpr std::uint32_t kMaxPgenAlleles = 255;

// A hard call that involves an ALT allele after the first; alleles numbered 0 (REF), 1 (ALT1), 2 (ALT2), ...
struct RareCall {
    std::uint32_t sample;
    std::uint8_t first;
    std::uint8_t second;
};

// Reads the track at the cursor for a variant of `n_alleles` alleles whose main-track categories are given, and
// returns the patched calls in `rare`, by increasing sample.
void read_multiallelic_track(ByteCursor& cursor, std::uint32_t n_alleles, std::span<const std::uint8_t> categories,
                             std::vector<RareCall>& rare, Difflist& scratch, const PgenRecordContext& context);

}  // namespace ridgeway
