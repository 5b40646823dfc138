#pragma once
// Little-endian fields read one after another from bytes in memory, as BGEN and PGEN store them. Reading past the
// end does not throw: it sets overrun() and yields zeros, so the caller decides whether that means a truncated record
// (and names the file and record) or that it should fetch more bytes and parse again.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ridgeway {

class ByteCursor {
public:
    ByteCursor(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    std::uint8_t u8() { return static_cast<std::uint8_t>(little_endian(1)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(little_endian(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(little_endian(4)); }
    std::uint64_t u64() { return little_endian(8); }
    // An unsigned integer of `width` bytes (1 to 8).
    std::uint64_t uint(std::size_t width) { return little_endian(width); }
    // The next `count` bytes in place; null after an overrun.
    const std::uint8_t* bytes(std::size_t count) { return take(count) ? data_ + position_ - count : nullptr; }
    // The next `count` bytes as text; empty after an overrun.
    std::string_view text(std::size_t count) {
        if (!take(count)) return {};
        return {reinterpret_cast<const char*>(data_ + position_ - count), count};
    }
    void skip(std::size_t count) { take(count); }

    std::size_t position() const { return position_; }
    std::size_t size() const { return size_; }
    std::size_t remaining() const { return size_ - position_; }
    bool overrun() const { return overrun_; }

private:
    bool take(std::size_t count) {
        if (overrun_ || count > size_ - position_) {
            overrun_ = true;
            return false;
        }
        position_ += count;
        return true;
    }
    std::uint64_t little_endian(std::size_t count) {
        if (!take(count)) return 0;
        std::uint64_t value = 0;
        for (std::size_t i = count; i-- > 0;) value = (value << 8) | data_[position_ - count + i];
        return value;
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t position_ = 0;
    bool overrun_ = false;
};

}  // namespace ridgeway
