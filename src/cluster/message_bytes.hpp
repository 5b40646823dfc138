#pragma once
// The bytes of messages between ranks: values appended raw, and read back in the same order. The ranks run one
// build, so native widths and byte order do. A message shorter or longer than its reader expects is an error naming
// `what` it carried.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

class MessageWriter {
public:
    template <typename T>
    void raw(const T* values, std::size_t count) {
        bytes_.append(reinterpret_cast<const char*>(values), sizeof(T) * count);
    }
    void count(std::uint64_t value) { raw(&value, 1); }
    // Its shape, then its values column by column.
    void matrix(const Matrix& values) {
        count(values.rows());
        count(values.cols());
        raw(values.data(), values.rows() * values.cols());
    }
    std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

class MessageReader {
public:
    MessageReader(std::string_view bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}
    template <typename T>
    void raw(T* values, std::size_t count) {
        if (count > (bytes_.size() - offset_) / sizeof(T)) malformed();
        std::memcpy(values, bytes_.data() + offset_, sizeof(T) * count);
        offset_ += sizeof(T) * count;
    }
    std::uint64_t count() {
        std::uint64_t value = 0;
        raw(&value, 1);
        return value;
    }
    Matrix matrix() {
        const std::uint64_t rows = count(), cols = count();
        if (cols != 0 && rows > (bytes_.size() - offset_) / sizeof(double) / cols) malformed();
        Matrix values(rows, cols);
        raw(values.data(), rows * cols);
        return values;
    }
    void expect_end() const {
        if (offset_ != bytes_.size()) malformed();
    }

private:
    [[noreturn]] void malformed() const { throw Error(ErrorKind::inconsistent, what_ + " arrived malformed"); }
    std::string_view bytes_;
    std::string what_;
    std::size_t offset_ = 0;
};

}  // namespace ridgeway
