#pragma once
// The header of a .pgen file (PLINK 2's genotype format, https://github.com/chrchang/plink-ng/tree/master/pgen_spec):
// the storage mode, the counts, and where each variant record starts and what it holds. Storage modes:
//   0x01  a PLINK 1 variant-major .bed (the counts come from the .psam and .pvar)
//   0x02, 0x03, 0x04  fixed-width records: 2-bit hard calls; with a dosage per sample; with phased dosages too
//   0x10  variable-width records, written by plink2 --make-pgen: after the counts, a control byte, then the offset of
//         each block of 2^16 records and, per block, the record types, the record lengths, optionally the allele
//         counts and the provisional-REF flags (both ignored here but for checking the allele counts).
// Every count is checked against the file's size before anything is allocated, so a corrupt header cannot ask for
// more memory than the file holds; the index takes 13 bytes per variant in mode 0x10, none in the others.
#include <cstdint>
#include <string>
#include <vector>

#include "io/binary/read_only_file.hpp"

namespace ridgeway {

struct PgenIndex {
    std::uint8_t storage = 0;  // the storage-mode byte
    std::uint32_t n_variants = 0;
    std::uint32_t n_samples = 0;
    // Mode 0x10: each record's type, its start (n_variants + 1 boundaries), and for an LD-compressed record its
    // reference record (the last earlier one of its block that is not LD-compressed; itself for the others).
    std::vector<std::uint8_t> types;
    std::vector<std::uint64_t> offsets;
    std::vector<std::uint32_t> references;
    std::vector<std::uint32_t> allele_counts;  // when the header stores them, else empty
    // Fixed-width modes.
    std::uint8_t fixed_type = 0;
    std::uint64_t first_offset = 0;
    std::uint64_t fixed_width = 0;

    bool plink1() const { return storage == 0x01; }
    std::uint8_t type(std::size_t record) const { return types.empty() ? fixed_type : types[record]; }
    std::uint64_t offset(std::size_t record) const {
        return offsets.empty() ? first_offset + record * fixed_width : offsets[record];
    }
    std::size_t reference(std::size_t record) const { return references.empty() ? record : references[record]; }
    // Whether any record has a dosage track.
    bool has_dosages() const;
    std::string describe() const;
};

// Reads and checks the header. `psam_samples` and `pvar_variants` are the counts of the text files, needed for
// mode 0x01 only (the caller compares them with the others).
PgenIndex read_pgen_index(const ReadOnlyFile& file, std::uint32_t psam_samples, std::uint32_t pvar_variants);

}  // namespace ridgeway
