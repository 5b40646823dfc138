#pragma once
// A file opened for positioned reads (pread), so that several threads can read different parts of it at once.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ridgeway {

class ReadOnlyFile {
public:
    explicit ReadOnlyFile(std::string path);
    ~ReadOnlyFile();
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    const std::string& path() const { return path_; }
    std::uint64_t size() const { return size_; }
    // Reads bytes [offset, offset + count) into `out`. When the file is shorter, a malformed-file error
    // "`where`: ... truncated ..." (`where` names the file and the record being read).
    void read_at(std::uint64_t offset, std::size_t count, std::uint8_t* out, const std::string& where) const;
    // The same bytes, returned.
    std::vector<std::uint8_t> read_bytes(std::uint64_t offset, std::size_t count, const std::string& where) const;

private:
    std::string path_;
    std::uint64_t size_ = 0;
    int fd_ = -1;
};

}  // namespace ridgeway
