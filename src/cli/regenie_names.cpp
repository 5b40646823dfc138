#include "cli/regenie_names.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

const std::vector<OptionAlias>& regenie_aliases() {
    // regenie's names that differ from ridgeway's; --bgen, --sample, --bgi, --ref-first, --keep, --remove, --extract,
    // --exclude, --bt, --qt, --cc12, --bsize, --cv, --loocv, --gz, --pred, --minINFO, --firth, --approx, --spa,
    // --pThresh, --range, --condition-list, --condition-file, --condition-file-sample, --threads, --out, --step,
    // --print-prs, --use-prs, --strict, --force-qt, --write-samples and --print-pheno are spelled alike.
    static const std::vector<OptionAlias> aliases{
        {"--bfile", "--bed"},
        {"--pfile", "--pgen"},
        {"--pheno", "--phenoFile"},
        {"--pheno-name", "--phenoColList"},
        {"--pheno-name", "--phenoCol"},
        {"--covar", "--covarFile"},
        {"--covar-name", "--covarColList"},
        {"--covar-name", "--covarCol"},
        {"--cat-covar-name", "--catCovarList"},
        {"--max-cat-levels", "--maxCatLevels"},
        {"--mac", "--minMAC"},
        {"--min-case-count", "--minCaseCount"},
        {"--chr", "--chrList"},
        {"--level0-on-disk", "--lowmem"},
        {"--level0-prefix", "--lowmem-prefix"},
    };
    return aliases;
}

std::string names_with_aliases(const std::string& name) {
    std::string names = name;
    for (const auto& alias : regenie_aliases())
        if (name == alias.name) names += std::string(",") + alias.alias;
    return names;
}

std::vector<std::string> with_step_command(int argc, char** argv, const std::vector<std::string>& commands) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || std::find(commands.begin(), commands.end(), args[0]) != commands.end()) return args;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string step;
        if (args[i] == "--step" && i + 1 < args.size()) step = args[i + 1];
        else if (args[i].starts_with("--step=")) step = args[i].substr(7);
        else continue;
        if (step != "1" && step != "2")
            throw Error(ErrorKind::usage, fmt::format("--step {}: expected 1 (ridgeway step1) or 2 (ridgeway assoc)", step));
        args.insert(args.begin(), step == "1" ? "step1" : "assoc");
        return args;
    }
    return args;
}

void apply_step_defaults(const std::string& command, std::map<std::string, std::string>& values,
                         std::map<std::string, bool>& flags) {
    const auto step = values.find("--step");
    if (step == values.end() || step->second.empty()) return;
    const std::string expected = command == "step1" ? "1" : "2";
    if (step->second != expected)
        throw Error(ErrorKind::usage, fmt::format("--step {}: ridgeway {} is regenie's --step {}{}", step->second, command,
                                                  expected, step->second == "1" || step->second == "2"
                                                                    ? fmt::format(" (--step {} is ridgeway {})", step->second,
                                                                                  step->second == "1" ? "step1" : "assoc")
                                                                    : ""));
    if (command == "assoc") {
        if (values["--format"].empty()) values["--format"] = "regenie";
        if (values["--mac"].empty()) values["--mac"] = "5";
    }
    if (flags["--bt"] && !flags["--cc12"]) flags["--1"] = true;
}

namespace {

// "PC{1:3}_x" -> PC1_x, PC2_x, PC3_x; a name without braces stays as it is.
std::vector<std::string> expand_name(const std::string& name, const std::string& option) {
    const auto open = name.find('{');
    if (open == std::string::npos && name.find('}') == std::string::npos) return {name};
    const auto colon = name.find(':', open);
    const auto close = name.find('}', open);
    auto bad = [&] {
        return Error(ErrorKind::usage, fmt::format("{} {}: expected one expansion {{FIRST:LAST}} of whole numbers, as in "
                                                   "PC{{1:10}}", option, name));
    };
    if (open == std::string::npos || colon == std::string::npos || close == std::string::npos || colon > close ||
        name.find_first_of("{}", close + 1) != std::string::npos)
        throw bad();
    const auto first = parse_integer(name.substr(open + 1, colon - open - 1));
    const auto last = parse_integer(name.substr(colon + 1, close - colon - 1));
    if (!first || !last || *first < 0 || *last < *first || *last - *first > 100000) throw bad();
    std::vector<std::string> names;
    for (long long i = *first; i <= *last; ++i)
        names.push_back(name.substr(0, open) + std::to_string(i) + name.substr(close + 1));
    return names;
}

}  // namespace

std::string expand_name_list(const std::string& list, const std::string& option) {
    std::string expanded;
    for (auto token : split_on(list, ',')) {
        for (const auto& name : expand_name(std::string(token), option)) {
            if (!expanded.empty()) expanded += ',';
            expanded += name;
        }
    }
    return expanded;
}

}  // namespace ridgeway
