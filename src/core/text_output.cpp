#include "core/text_output.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace ridgeway {

TextOutput::TextOutput(const std::string& path, bool gzip, const std::string& name) : name_(name) {
    // "T" writes the bytes as they are, so plain files go through the same buffered calls.
    file_ = gzopen(path.c_str(), gzip ? "wb6" : "wbT");
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, name_ + ": cannot create the file");
    gzbuffer(file_, 1 << 17);
}

TextOutput::~TextOutput() {
    if (file_ != nullptr) gzclose(file_);
}

void TextOutput::write(std::string_view text) {
    constexpr std::size_t kChunk = std::size_t{1} << 30;  // gzwrite counts in int
    for (std::size_t done = 0; done < text.size() && !failed_; done += kChunk) {
        const auto count = static_cast<unsigned>(std::min(kChunk, text.size() - done));
        failed_ = gzwrite(file_, text.data() + done, count) != static_cast<int>(count);
    }
}

void TextOutput::close() {
    const bool failed = gzclose(file_) != Z_OK || failed_;
    file_ = nullptr;
    if (failed) throw Error(ErrorKind::resources, name_ + ": write failed (disk full?)");
}

}  // namespace ridgeway
