#include "qc/chromosome.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

int chromosome_code(std::string_view name) {
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    std::string_view bare = upper;
    if (bare.size() > 3 && bare.substr(0, 3) == "CHR") bare.remove_prefix(3);
    if (bare == "X") return 23;
    if (bare == "Y") return 24;
    // PLINK 2 names the pseudo-autosomal parts of X PAR1 and PAR2 (--split-par); PLINK 1 names both XY.
    if (bare == "XY" || bare == "PAR1" || bare == "PAR2") return 25;
    if (bare == "MT" || bare == "M") return 26;
    auto number = parse_integer(bare);
    return number && *number >= 1 && *number <= 26 ? static_cast<int>(*number) : 0;
}

std::vector<int> parse_chromosome_list(const std::string& spec) {
    std::vector<int> codes;
    for (auto item : split_on(spec, ',')) {
        auto dash = item.find('-');
        std::string_view first = item.substr(0, dash);
        std::string_view last = dash == std::string_view::npos ? first : item.substr(dash + 1);
        int from = chromosome_code(first), to = chromosome_code(last);
        if (from == 0 || to == 0 || to < from)
            throw Error(ErrorKind::usage, "--chr " + spec + ": '" + std::string(item) + "' is not a chromosome or range (e.g. 1-22,X)");
        for (int c = from; c <= to; ++c) codes.push_back(c);
    }
    return codes;
}

}  // namespace ridgeway
