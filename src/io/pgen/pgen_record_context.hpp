#pragma once
// Where a .pgen variant record is, for error messages: "FILE, variant N (ID): problem".
#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

struct PgenRecordContext {
    const std::string& path;
    std::size_t record;  // 0-based
    std::string_view id;

    std::string where() const { return fmt::format("{}, variant {} ({})", path, record + 1, id); }
    [[noreturn]] void fail(const std::string& problem) const {
        throw Error(ErrorKind::malformed, where() + ": " + problem);
    }
};

}  // namespace ridgeway
