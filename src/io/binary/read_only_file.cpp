#include "io/binary/read_only_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

ReadOnlyFile::ReadOnlyFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_RDONLY);
    if (fd_ < 0) throw Error(ErrorKind::cannot_open, path_ + ": cannot open for reading: " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd_);
        throw Error(ErrorKind::cannot_open, path_ + ": not a regular file");
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
}

ReadOnlyFile::~ReadOnlyFile() {
    if (fd_ >= 0) ::close(fd_);
}

void ReadOnlyFile::read_at(std::uint64_t offset, std::size_t count, std::uint8_t* out, const std::string& where) const {
    if (offset > size_ || count > size_ - offset)
        throw Error(ErrorKind::malformed,
                    fmt::format("{}: the file is truncated: {} bytes are needed at byte {}, but the "
                                "file has {} bytes",
                                where, count, offset, size_));
    std::size_t done = 0;
    while (done < count) {
        const ssize_t got = ::pread(fd_, out + done, count - done, static_cast<off_t>(offset + done));
        if (got <= 0)
            throw Error(ErrorKind::malformed,
                        fmt::format("{}: read failed at byte {} (file truncated while in use?)", where, offset + done));
        done += static_cast<std::size_t>(got);
    }
}

std::vector<std::uint8_t> ReadOnlyFile::read_bytes(std::uint64_t offset, std::size_t count,
                                                   const std::string& where) const {
    std::vector<std::uint8_t> bytes(count);
    read_at(offset, count, bytes.data(), where);
    return bytes;
}

}  // namespace ridgeway
