#include "cli/unknown_options.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/option_table.hpp"
#include "cli/regenie_names.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

namespace {

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool is_option(const std::string& argument) {
    return argument.size() > 1 && argument[0] == '-' && !parse_double(argument);
}

// Every name of every option (aliases included), with the commands that take it.
std::vector<std::pair<std::string, std::vector<std::string>>> all_option_names() {
    std::vector<std::pair<std::string, std::vector<std::string>>> names;
    for (const auto& option : option_table()) {
        if (option.name[0] != '-') continue;
        names.emplace_back(option.name, option.commands);
        for (const auto& alias : regenie_aliases())
            if (std::string(alias.name) == option.name) names.emplace_back(alias.alias, option.commands);
    }
    return names;
}

// "--catCovarLst (did you mean --catCovarList?)", "--loocv (an option of step1 and gwas)", or the name alone.
std::string describe_unknown(const std::string& command, const std::string& name) {
    const auto names = all_option_names();
    for (const auto& [known, commands] : names)
        if (known == name)
            return fmt::format("{} (an option of {}, not {})", name, fmt::join(commands, ", "), command);
    const std::string* nearest = nullptr;
    std::size_t best = std::string::npos;
    for (const auto& [known, commands] : names) {
        if (std::find(commands.begin(), commands.end(), command) == commands.end()) continue;
        const std::size_t distance = option_name_distance(name, known);
        if (distance < best) {
            best = distance;
            nearest = &known;
        }
    }
    // A suggestion only when it is close: a third of the name's letters at most.
    const std::size_t letters = name.size() - std::min<std::size_t>(name.find_first_not_of('-'), name.size());
    if (nearest == nullptr || best > std::max<std::size_t>(1, letters / 3)) return name;
    return fmt::format("{} (did you mean {}?)", name, *nearest);
}

}  // namespace

std::size_t option_name_distance(const std::string& a, const std::string& b) {
    const std::string x = lowercase(a), y = lowercase(b);
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t substitution = diagonal + (x[i - 1] == y[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
        }
    }
    return row[y.size()] == 0 && a != b ? 1 : row[y.size()];
}

std::string unknown_arguments_message(const std::string& command, const std::vector<std::string>& extras) {
    std::vector<std::string> options, strays;
    for (std::size_t i = 0; i < extras.size(); ++i) {
        if (is_option(extras[i])) {
            const std::string name = extras[i].substr(0, extras[i].find('='));
            options.push_back(describe_unknown(command, name));
            if (extras[i].find('=') == std::string::npos && i + 1 < extras.size() && !is_option(extras[i + 1]))
                ++i;  // its value
        } else {
            strays.push_back("'" + extras[i] + "'");
        }
    }
    std::vector<std::string> parts;
    if (!options.empty())
        parts.push_back(fmt::format("unknown option{} for ridgeway {}: {}", options.size() > 1 ? "s" : "", command,
                                    fmt::join(options, ", ")));
    if (!strays.empty())
        parts.push_back(fmt::format("unexpected argument{} {} (every value follows its option's name)",
                                    strays.size() > 1 ? "s" : "", fmt::join(strays, " ")));
    return fmt::format("{}; see ridgeway {} --help", fmt::join(parts, "; "), command);
}

}  // namespace ridgeway
