#pragma once
// A part's records in memory instead of a file: the writers of part files write with stdio, so a distributed run
// hands them a stream whose bytes land in memory (open_memstream) and go over MPI, and the merge reads received bytes
// back through a stream (fmemopen). The format stays that of the files, byte for byte.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace ridgeway {

using FileHandle = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

class MemoryStream {
public:
    // A new, empty stream; failing to create one is a resources error.
    MemoryStream();
    ~MemoryStream();
    MemoryStream(const MemoryStream&) = delete;
    MemoryStream& operator=(const MemoryStream&) = delete;

    // The stream to write to; its writer closes it when the part is complete.
    std::FILE* file() const { return file_; }
    // Everything written, once the writer has closed the stream.
    std::string_view bytes() const { return {buffer_, size_}; }

private:
    std::FILE* file_ = nullptr;
    char* buffer_ = nullptr;
    std::size_t size_ = 0;
};

// Reads `bytes` (which must outlive the stream) through stdio.
FileHandle open_bytes(std::string& bytes);

}  // namespace ridgeway
