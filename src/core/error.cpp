#include "core/error.hpp"

namespace ridgeway {

std::string file_position(const std::string& path, std::size_t line_number, const char* unit) {
    return path + ", " + unit + " " + std::to_string(line_number);
}

void throw_error(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

}  // namespace ridgeway
