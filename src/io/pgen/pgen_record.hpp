#pragma once
// One PGEN variant record decoded in full: the main track, then, as the record type's bits say, the multiallelic
// hard calls (bit 3), the hard-call phase (bit 4, skipped: ridgeway reads unphased genotypes), the dosages (bits 5-6)
// and the phased dosages (bit 7, skipped). Every track is parsed, so a record must end exactly where its tracks do.
#include <cstdint>
#include <span>
#include <vector>

#include "io/pgen/pgen_difflist.hpp"
#include "io/pgen/pgen_multiallelic.hpp"
#include "io/pgen/pgen_record_context.hpp"

namespace ridgeway {

struct PgenRecordFormat {
    std::uint32_t n_samples = 0;
    std::uint32_t n_alleles = 2;
    std::uint8_t type = 0;
    bool plink1 = false;  // a PLINK 1 .bed record (storage mode 0x01)
};

struct PgenGenotypes {
    std::vector<std::uint8_t> categories;  // per sample: 0 REF/REF, 1 REF/ALT, 2 ALT/ALT, 3 missing (main track)
    std::vector<RareCall> rare;            // the calls involving ALT2 or later, by sample
    std::vector<std::uint16_t> dosages;    // per sample, in 1/16384 of ALT1; empty without a dosage track
};

// Decodes `bytes`, one whole record. `reference` is the reference record's categories for an LD-compressed record.
void decode_record(std::span<const std::uint8_t> bytes, const PgenRecordFormat& format,
                   std::span<const std::uint8_t> reference, PgenGenotypes& genotypes, Difflist& scratch,
                   const PgenRecordContext& context);

// Copies of ALT allele `alt` (1 for ALT1) per sample, or kMissingCall.
void count_alt_copies(const PgenGenotypes& genotypes, std::uint32_t alt, std::vector<std::int8_t>& counts);

}  // namespace ridgeway
