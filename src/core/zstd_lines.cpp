#include "core/zstd_lines.hpp"

#include <sys/stat.h>

namespace ridgeway {

ZstdLines::ZstdLines(std::FILE* file)
    : file_(file), context_(ZSTD_createDCtx()), input_(ZSTD_DStreamInSize()), output_(ZSTD_DStreamOutSize()) {}

ZstdLines::~ZstdLines() {
    ZSTD_freeDCtx(context_);
    std::fclose(file_);
}

bool ZstdLines::is_zstd(std::FILE* file) {
    // Only a regular file can be sniffed and rewound; a pipe is left to htslib untouched.
    struct stat info {};
    if (::fstat(::fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) return false;
    unsigned char magic[4] = {0, 0, 0, 0};
    const std::size_t got = std::fread(magic, 1, 4, file);
    std::rewind(file);
    return got == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd;
}

ZstdLines::Status ZstdLines::refill() {
    if (in_.pos == in_.size) {
        const std::size_t got = std::fread(input_.data(), 1, input_.size(), file_);
        if (got == 0) return std::ferror(file_) || frame_left_ != 0 ? Status::corrupt : Status::end;
        in_ = {input_.data(), got, 0};
    }
    ZSTD_outBuffer out{output_.data(), output_.size(), 0};
    const std::size_t hint = ZSTD_decompressStream(context_, &out, &in_);
    if (ZSTD_isError(hint)) return Status::corrupt;
    frame_left_ = hint;
    text_.erase(0, text_start_);
    text_start_ = 0;
    text_.append(output_.data(), out.pos);
    return Status::line;
}

ZstdLines::Status ZstdLines::next_line(std::string& line) {
    std::size_t searched = text_start_;
    while (true) {
        const std::size_t end = text_.find('\n', searched);
        if (end != std::string::npos) {
            line.assign(text_, text_start_, end - text_start_);
            text_start_ = end + 1;
            return Status::line;
        }
        searched = text_.size() - text_start_;  // refill() moves the unreturned text to the front
        const Status status = refill();
        if (status == Status::corrupt) return status;
        if (status == Status::end) {
            if (text_start_ == text_.size()) return Status::end;
            line.assign(text_, text_start_);  // a last line without '\n'
            text_start_ = text_.size();
            return Status::line;
        }
    }
}

}  // namespace ridgeway
