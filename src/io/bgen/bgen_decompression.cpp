#include "io/bgen/bgen_decompression.hpp"

#include <memory>

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "core/error.hpp"
#include "io/binary/byte_cursor.hpp"

namespace ridgeway {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
    throw Error(ErrorKind::malformed, where + ": " + problem);
}

void inflate_zlib(std::span<const std::uint8_t> compressed, std::vector<std::uint8_t>& out, const std::string& where) {
    uLongf produced = static_cast<uLongf>(out.size());
    uLong consumed = static_cast<uLong>(compressed.size());
    const int status = uncompress2(out.data(), &produced, compressed.data(), &consumed);
    if (status == Z_BUF_ERROR && produced == out.size())
        fail(where, fmt::format("the genotype block decompresses to more than its stated {} bytes", out.size()));
    if (status != Z_OK) fail(where, fmt::format("the genotype block's zlib data is corrupt ({})", zError(status)));
    if (produced != out.size())
        fail(where, fmt::format("the genotype block decompresses to {} bytes, but states {}", produced, out.size()));
    if (consumed != compressed.size())
        fail(where, fmt::format("{} bytes follow the genotype block's zlib data", compressed.size() - consumed));
}

struct FreeZstdContext {
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

// One decompression context per thread, reused for every block that thread reads.
ZSTD_DCtx* zstd_context() {
    thread_local std::unique_ptr<ZSTD_DCtx, FreeZstdContext> context(ZSTD_createDCtx());
    if (!context) throw Error(ErrorKind::resources, "cannot allocate a zstd decompression context");
    return context.get();
}

void inflate_zstd(std::span<const std::uint8_t> compressed, std::vector<std::uint8_t>& out, const std::string& where) {
    const std::size_t produced =
        ZSTD_decompressDCtx(zstd_context(), out.data(), out.size(), compressed.data(), compressed.size());
    if (ZSTD_isError(produced)) {
        if (ZSTD_getErrorCode(produced) == ZSTD_error_dstSize_tooSmall)
            fail(where, fmt::format("the genotype block decompresses to more than its stated {} bytes", out.size()));
        fail(where, fmt::format("the genotype block's zstd data is corrupt ({})", ZSTD_getErrorName(produced)));
    }
    if (produced != out.size())
        fail(where, fmt::format("the genotype block decompresses to {} bytes, but states {}", produced, out.size()));
}

}  // namespace

std::span<const std::uint8_t> unpack_genotype_block(std::span<const std::uint8_t> stored, BgenCompression compression,
                                                    std::uint64_t min_bytes, std::uint64_t max_bytes,
                                                    std::vector<std::uint8_t>& scratch, const std::string& where) {
    if (compression == BgenCompression::none) return stored;
    if (stored.size() < 4)
        fail(where,
             fmt::format("the compressed genotype block has {} bytes, too few to state its size", stored.size()));
    const std::uint32_t stated = ByteCursor(stored.data(), 4).u32();
    if (stated < min_bytes || stated > max_bytes)
        fail(where, fmt::format("the genotype block states an uncompressed size of {} bytes, but the file's samples "
                                "need between {} and {}",
                                stated, min_bytes, max_bytes));
    scratch.resize(stated);
    if (compression == BgenCompression::zlib)
        inflate_zlib(stored.subspan(4), scratch, where);
    else
        inflate_zstd(stored.subspan(4), scratch, where);
    return scratch;
}

}  // namespace ridgeway
