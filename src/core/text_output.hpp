#pragma once
// A text output written plain or gzip-compressed (one gzip member, as gzip itself writes, which zcat, Python's gzip
// and regenie's readers all take), with write errors reported on close.
#include <string>
#include <string_view>

#include <zlib.h>

namespace ridgeway {

class TextOutput {
public:
    // Creates `path`; `name` is what errors call it (the final name of an output written under a temporary one).
    TextOutput(const std::string& path, bool gzip, const std::string& name);
    ~TextOutput();
    TextOutput(const TextOutput&) = delete;
    TextOutput& operator=(const TextOutput&) = delete;

    void write(std::string_view text);
    // Flushes and closes; a failed write or close is a resources error ("disk full?").
    void close();

private:
    gzFile file_ = nullptr;
    std::string name_;
    bool failed_ = false;
};

// ".gz" when `gzip`, else nothing: the suffix of a file TextOutput writes.
inline const char* gzip_suffix(bool gzip) { return gzip ? ".gz" : ""; }

}  // namespace ridgeway
