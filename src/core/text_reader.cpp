#include "core/text_reader.hpp"

#include <charconv>
#include <cmath>

#include <htslib/bgzf.h>
#include <htslib/kstring.h>

#include "core/error.hpp"

namespace ridgeway {

TextReader::TextReader(std::string path) : path_(std::move(path)) {
    file_ = bgzf_open(path_.c_str(), "r");
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, path_ + ": cannot open for reading");
}

TextReader::~TextReader() {
    if (file_ != nullptr) bgzf_close(file_);
}

bool TextReader::next_line(std::string& line) {
    kstring_t buffer = KS_INITIALIZE;
    int status = bgzf_getline(file_, '\n', &buffer);
    if (status == -1) {
        ks_free(&buffer);
        return false;
    }
    if (status < -1) {
        ks_free(&buffer);
        throw Error(ErrorKind::malformed, where("the file is truncated or its compression is corrupt"));
    }
    ++line_number_;
    std::size_t length = buffer.l;
    if (length > 0 && buffer.s[length - 1] == '\r') --length;
    line.assign(buffer.s, length);
    ks_free(&buffer);
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
