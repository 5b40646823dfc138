#include "cli/unknown_options.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/option_table.hpp"
#include "cli/regenie_names.hpp"
#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

namespace {

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// regenie's single-letter names, which ridgeway spells out.
const char* regenie_short_name(const std::string& argument) {
    static const std::vector<std::pair<std::string, const char*>> names{
        {"-p", "regenie's -p: write --phenoFile"},
        {"-c", "regenie's -c: write --covarFile"},
        {"-b", "regenie's -b: write --bsize"},
        {"-o", "regenie's -o: write --out"},
        {"-v", "regenie's -v: the .log always has the details"},
        {"-1", "regenie's -1 reads 1 = control, 2 = case: write --cc12; ridgeway's --1 reads 0/1, as PLINK's"},
    };
    for (const auto& [name, advice] : names)
        if (argument == name) return advice;
    return nullptr;
}

bool is_option(const std::string& argument) {
    return (argument.size() > 1 && argument[0] == '-' && !parse_double(argument)) || regenie_short_name(argument);
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
    if (const char* advice = regenie_short_name(name)) return fmt::format("{} ({})", name, advice);
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

void check_command_word(const std::vector<std::string>& args, const std::vector<std::string>& commands) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version")) return;
    if (!args.empty() && std::find(commands.begin(), commands.end(), args[0]) != commands.end()) return;
    const std::string list = fmt::format("{} (or regenie's --step 1|2 with its options); try ridgeway --help",
                                         fmt::join(commands, ", "));
    if (args.empty() || is_option(args[0]))
        throw Error(ErrorKind::usage, "a command is needed first: " + list);
    const auto nearest = std::min_element(commands.begin(), commands.end(), [&](const auto& a, const auto& b) {
        return option_name_distance(args[0], a) < option_name_distance(args[0], b);
    });
    const bool close = option_name_distance(args[0], *nearest) <= std::max<std::size_t>(1, args[0].size() / 3);
    throw Error(ErrorKind::usage, fmt::format("unknown command '{}'{}; the commands are {}", args[0],
                                              close ? fmt::format(" (did you mean {}?)", *nearest) : "", list));
}

std::size_t option_name_distance(const std::string& a, const std::string& b) {
    // Insertions, deletions, substitutions and swaps of two neighbouring letters each count one.
    const std::string x = lowercase(a), y = lowercase(b);
    std::vector<std::vector<std::size_t>> d(x.size() + 1, std::vector<std::size_t>(y.size() + 1));
    for (std::size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        for (std::size_t j = 1; j <= y.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[x.size()][y.size()] == 0 && a != b ? 1 : d[x.size()][y.size()];
}

std::string unknown_arguments_message(const std::string& command, const std::vector<std::string>& extras,
                                      bool regenie_form) {
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
    return fmt::format("{}; see ridgeway {} --help{}", fmt::join(parts, "; "), command,
                       regenie_form ? " (and, for regenie's options, the README's section \"regenie's command lines\")" : "");
}

}  // namespace ridgeway
