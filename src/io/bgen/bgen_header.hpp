#pragma once
// The header block and the optional sample-identifier block at the start of a .bgen file (BGEN v1.2 and v1.3,
// https://www.chg.ox.ac.uk/~gav/bgen_format/spec/latest.html). Only layout 2 is accepted: layout 1 is BGEN v1.1.
#include <cstdint>
#include <string>
#include <vector>

#include "io/binary/read_only_file.hpp"

namespace ridgeway {

enum class BgenCompression { none = 0, zlib = 1, zstd = 2 };

const char* compression_name(BgenCompression compression);

struct BgenHeader {
    std::uint64_t first_variant_offset = 0;  // from the start of the file
    std::uint32_t n_variants = 0;
    std::uint32_t n_samples = 0;
    BgenCompression compression = BgenCompression::none;
    std::vector<std::string> sample_ids;  // empty when the file stores none
};

// Reads and checks the header: magic bytes, layout, compression, counts, and the sample identifiers (their
// number must equal the header's, and none may repeat).
BgenHeader read_bgen_header(const ReadOnlyFile& file);

}  // namespace ridgeway
