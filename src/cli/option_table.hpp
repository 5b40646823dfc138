#pragma once
// The one table of command-line options: every subcommand's options and `--help` text come from it, and commands
// read typed values through ParsedOptions, which names the option in every error.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ridgeway {

struct CommandSpec {
    const char* name;
    const char* summary;
};

struct OptionSpec {
    const char* name;        // "--bfile"; a name without dashes ("RESULTS") takes the positional arguments
    const char* value_name;  // "PREFIX"; empty for a flag
    const char* default_text;  // shown in --help; empty when there is none
    const char* help;
    std::vector<std::string> commands;
};

const std::vector<CommandSpec>& command_table();
const std::vector<OptionSpec>& option_table();

class ParsedOptions {
public:
    ParsedOptions(std::string command, std::map<std::string, std::string> values, std::map<std::string, bool> flags,
                  std::vector<std::string> positionals = {});

    const std::string& command() const { return command_; }
    bool has(const std::string& name) const;
    bool flag(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback = "") const;
    std::string required_text(const std::string& name) const;
    double number(const std::string& name, double fallback, double min, double max) const;
    long long integer(const std::string& name, long long fallback, long long min, long long max) const;
    // Every option given, as "--name value" or "--name", in a fixed order, leaving out `ignored` (to fingerprint a run).
    std::vector<std::string> canonical_arguments(const std::vector<std::string>& ignored) const;
    // Arguments without an option name (the result files of `plot`).
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::string command_;
    std::map<std::string, std::string> values_;
    std::map<std::string, bool> flags_;
    std::vector<std::string> positionals_;
};

// Parses argv; prints help and exits 0 for --help, throws a usage Error for anything wrong.
ParsedOptions parse_command_line(int argc, char** argv);

}  // namespace ridgeway
