#include "qc/chromosome.hpp"

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

int chromosome_code(std::string_view name) {
    if (name.size() > 3 && (name.substr(0, 3) == "chr" || name.substr(0, 3) == "CHR")) name.remove_prefix(3);
    if (name == "X" || name == "x") return 23;
    if (name == "Y" || name == "y") return 24;
    if (name == "XY" || name == "xy") return 25;
    if (name == "MT" || name == "M" || name == "mt") return 26;
    auto number = parse_integer(name);
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
