#pragma once
// Lines of a zstd-compressed text file (PLINK 2 writes .pvar.zst), decompressed as a stream so that memory stays
// independent of the file's size. TextReader uses it when a file starts with the zstd magic number.
#include <cstdio>
#include <string>
#include <vector>

#include <zstd.h>

namespace ridgeway {

class ZstdLines {
public:
    enum class Status { line, end, corrupt };

    // Takes ownership of `file`, positioned at its start.
    explicit ZstdLines(std::FILE* file);
    ~ZstdLines();
    ZstdLines(const ZstdLines&) = delete;
    ZstdLines& operator=(const ZstdLines&) = delete;

    // The next line without its '\n'. A stream that ends inside a frame is corrupt (a truncated file).
    Status next_line(std::string& line);

    // Whether `file` is a regular file that starts with the zstd magic number; leaves it at its start.
    static bool is_zstd(std::FILE* file);

private:
    // Decompresses more input into text_; end when the input is used up, corrupt when it cannot be decompressed.
    Status refill();

    std::FILE* file_;
    ZSTD_DCtx* context_;
    std::vector<char> input_;
    std::vector<char> output_;
    ZSTD_inBuffer in_{nullptr, 0, 0};
    std::size_t frame_left_ = 0;  // ZSTD_decompressStream's last hint: zero exactly at the end of a frame
    std::string text_;            // decompressed text not yet returned, from text_start_
    std::size_t text_start_ = 0;
};

}  // namespace ridgeway
