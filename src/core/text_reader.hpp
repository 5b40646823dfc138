#pragma once
// Line-by-line reading of plain, gzip/bgzip-compressed (through htslib) or zstd-compressed text, with the file name
// and line number kept for error messages, and strict whole-token number parsing.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct BGZF;

namespace ridgeway {

class ZstdLines;

class TextReader {
public:
    explicit TextReader(std::string path);
    ~TextReader();
    TextReader(const TextReader&) = delete;
    TextReader& operator=(const TextReader&) = delete;

    // Next line without its end-of-line characters; false at end of file.
    bool next_line(std::string& line);
    std::size_t line_number() const { return line_number_; }
    const std::string& path() const { return path_; }
    // "PATH, line N: message"
    std::string where(const std::string& message) const;

private:
    std::string path_;
    BGZF* file_ = nullptr;                // plain or gzip text, or
    std::unique_ptr<ZstdLines> zstd_;     // zstd-compressed text
    std::size_t line_number_ = 0;
};

// Splits on runs of spaces and tabs.
std::vector<std::string_view> split_whitespace(std::string_view line);
// Splits on one delimiter exactly (empty fields kept).
std::vector<std::string_view> split_on(std::string_view line, char delimiter);
// Whether two words are equal but for the case of ASCII letters (header names such as SEX or ID_1).
bool same_word_ignoring_case(std::string_view a, std::string_view b);

// The whole token as a finite number, or nothing.
std::optional<double> parse_double(std::string_view token);
std::optional<long long> parse_integer(std::string_view token);

}  // namespace ridgeway
