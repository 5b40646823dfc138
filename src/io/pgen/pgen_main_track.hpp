#pragma once
// The main track of a PGEN variant record: one genotype category per sample (0 homozygous REF, 1 heterozygous
// REF/ALT, 2 two ALT alleles, 3 missing), stored in one of the ways the low 3 bits of the record type choose:
//   0  2 bits per sample (PLINK 1 .bed records use the same layout with .bed's codes)
//   1  "1-bit": a byte naming the two commonest categories, a bit per sample choosing between them, and a difflist
//      of the samples in the other two categories
//   2  LD-compressed: a difflist of the samples whose category differs from the reference record (the last record
//      before it of another type, in the same block of 2^16 variants)
//   3  as 2, then REF and ALT swapped (categories 0 and 2 exchanged)
//   4, 6, 7  a difflist of the samples outside category 0, 2 or 3 (5: every sample homozygous REF, no bytes)
#include <cstdint>
#include <span>
#include <vector>

#include "io/binary/byte_cursor.hpp"
#include "io/pgen/pgen_difflist.hpp"
#include "io/pgen/pgen_record_context.hpp"

namespace ridgeway {

inline constexpr std::uint8_t kMissingCategory = 3;

inline bool is_ld_compressed(std::uint8_t type) { return (type & 6) == 2; }

// Decodes the main track at the cursor into `categories` (one per sample). `reference` holds the reference record's
// categories for LD-compressed types; `plink1` reads type 0 with PLINK 1 .bed codes. `scratch` is reused storage.
void decode_main_track(ByteCursor& cursor, std::uint8_t type, bool plink1, std::uint32_t n_samples,
                       std::span<const std::uint8_t> reference, std::vector<std::uint8_t>& categories,
                       Difflist& scratch, const PgenRecordContext& context);

}  // namespace ridgeway
