#include "core/memory_stream.hpp"

#include <cstdlib>

#include "core/error.hpp"

namespace ridgeway {

MemoryStream::MemoryStream() {
    file_ = ::open_memstream(&buffer_, &size_);
    if (file_ == nullptr) throw Error(ErrorKind::resources, "cannot create an in-memory stream (out of memory?)");
}

MemoryStream::~MemoryStream() { std::free(buffer_); }

FileHandle open_bytes(std::string& bytes) {
    FileHandle file(::fmemopen(bytes.data(), bytes.size(), "rb"), std::fclose);
    if (!file) throw Error(ErrorKind::resources, "cannot read received bytes through a stream (out of memory?)");
    return file;
}

}  // namespace ridgeway
