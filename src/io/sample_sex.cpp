#include "io/sample_sex.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace ridgeway {

std::optional<Sex> parse_sex(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "1" || lower == "m" || lower == "male") return Sex::male;
    if (lower == "2" || lower == "f" || lower == "female") return Sex::female;
    if (lower.empty() || lower == "0" || lower == "-9" || lower == "na" || lower == "nan") return Sex::unknown;
    return std::nullopt;
}

const char* sex_name(Sex sex) {
    switch (sex) {
        case Sex::male: return "male";
        case Sex::female: return "female";
        case Sex::unknown: break;
    }
    return "unknown";
}

}  // namespace ridgeway
