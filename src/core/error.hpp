#pragma once
// Typed errors, caught once in main. Each kind maps to one documented exit code, so scripts can tell a typo in a
// command line from a corrupt file from a numerical failure.
#include <stdexcept>
#include <string>

namespace ridgeway {

enum class ErrorKind {
    usage = 2,          // bad command line
    cannot_open = 3,    // a file cannot be opened, created or renamed
    malformed = 4,      // a file's content breaks its format
    inconsistent = 5,   // files or options disagree with each other
    numerical = 6,      // a computation failed (singular covariates, ...)
    resources = 7,      // out of memory or disk
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const { return kind_; }
    int exit_code() const { return static_cast<int>(kind_); }

private:
    ErrorKind kind_;
};

// Where in a file something went wrong: "FILE, line N" or "FILE, record N".
std::string file_position(const std::string& path, std::size_t line_number, const char* unit = "line");

[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

}  // namespace ridgeway
