#pragma once
// A variant's genotype block as stored (uncompressed, zlib or zstd) to its probability data.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/bgen/bgen_header.hpp"

namespace ridgeway {

// The probability data of the genotype block `stored` (the bytes after its length C). Compressed blocks are
// decompressed into `scratch`, after checking that their stated size D lies in [min_bytes, max_bytes], the sizes a
// valid block for the file's samples can have, so that no corrupt size is allocated. The decompressed size must
// equal D, and the compressed stream must fill the block. `where` names the file and variant in errors.
std::span<const std::uint8_t> unpack_genotype_block(std::span<const std::uint8_t> stored, BgenCompression compression,
                                                    std::uint64_t min_bytes, std::uint64_t max_bytes,
                                                    std::vector<std::uint8_t>& scratch, const std::string& where);

}  // namespace ridgeway
