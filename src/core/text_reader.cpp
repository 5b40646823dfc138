#include "core/text_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <htslib/bgzf.h>
#include <htslib/kstring.h>

#include "core/error.hpp"
#include "core/zstd_lines.hpp"

namespace ridgeway {

TextReader::TextReader(std::string path) : path_(std::move(path)) {
    std::FILE* file = std::fopen(path_.c_str(), "rb");
    if (file != nullptr && ZstdLines::is_zstd(file)) {
        zstd_ = std::make_unique<ZstdLines>(file);
        return;
    }
    if (file != nullptr) std::fclose(file);
    file_ = bgzf_open(path_.c_str(), "r");
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, path_ + ": cannot open for reading");
}

TextReader::~TextReader() {
    if (file_ != nullptr) bgzf_close(file_);
}

namespace {

ZstdLines::Status next_bgzf_line(BGZF* file, std::string& line) {
    kstring_t buffer = KS_INITIALIZE;
    const int status = bgzf_getline(file, '\n', &buffer);
    if (status >= 0) line.assign(buffer.s, buffer.l);
    ks_free(&buffer);
    return status >= 0 ? ZstdLines::Status::line : status == -1 ? ZstdLines::Status::end : ZstdLines::Status::corrupt;
}

}  // namespace

bool TextReader::next_line(std::string& line) {
    const auto status = zstd_ ? zstd_->next_line(line) : next_bgzf_line(file_, line);
    if (status == ZstdLines::Status::end) return false;
    if (status == ZstdLines::Status::corrupt)
        throw Error(ErrorKind::malformed, where("the file is truncated or its compression is corrupt"));
    ++line_number_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find('\0') != std::string::npos) throw Error(ErrorKind::malformed, where("the line holds a NUL byte; is this a text file?"));
    return true;
}

std::string TextReader::where(const std::string& message) const {
    return file_position(path_, line_number_) + ": " + message;
}

std::vector<std::string_view> split_whitespace(std::string_view line) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) tokens.push_back(line.substr(start, i - start));
    }
    return tokens;
}

std::vector<std::string_view> split_on(std::string_view line, char delimiter) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (true) {
        std::size_t end = line.find(delimiter, start);
        if (end == std::string_view::npos) {
            tokens.push_back(line.substr(start));
            return tokens;
        }
        tokens.push_back(line.substr(start, end - start));
        start = end + 1;
    }
}

bool same_word_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::optional<double> parse_double(std::string_view token) {
    if (!token.empty() && token.front() == '+') token.remove_prefix(1);
    double value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size() || token.empty() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<long long> parse_integer(std::string_view token) {
    if (!token.empty() && token.front() == '+') token.remove_prefix(1);
    long long value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size() || token.empty()) return std::nullopt;
    return value;
}

}  // namespace ridgeway
