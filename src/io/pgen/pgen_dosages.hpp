#pragma once
// The dosage tracks of a biallelic PGEN record (record type bits 5-7). Dosages are ALT dosages in units of 1/16384
// of an allele copy (0 to 32768). Bits 5-6 say which samples have one: 0x20 those of a sample difflist, 0x60 those
// of a bit per sample, 0x40 every sample (65535: missing); the others keep their hard call. Bit 7 adds a phased
// dosage per stored dosage (an int16 each, for the samples of a bit per dosage unless every sample has one), which
// ridgeway does not use: it is skipped.
#include <cstdint>
#include <span>
#include <vector>

#include "io/binary/byte_cursor.hpp"
#include "io/pgen/pgen_difflist.hpp"
#include "io/pgen/pgen_record_context.hpp"

namespace ridgeway {

inline constexpr std::uint16_t kMissingPgenDosage = 0xffff;
inline constexpr std::uint16_t kPgenDosageUnit = 16384;  // one allele copy

inline bool has_dosage_track(std::uint8_t type) { return (type & 0x60) != 0; }

// Reads the tracks at the cursor into `dosages` (one per sample), starting from the hard calls (`categories`).
void read_dosage_tracks(ByteCursor& cursor, std::uint8_t type, std::span<const std::uint8_t> categories,
                        std::vector<std::uint16_t>& dosages, Difflist& scratch, const PgenRecordContext& context);

}  // namespace ridgeway
