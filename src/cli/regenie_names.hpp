#pragma once
// regenie's spelling of a command line: its option names, accepted as aliases of ridgeway's (the same option, listed
// together in --help), its command form `ridgeway --step 1|2 ...` with the defaults that form brings, and its name
// lists with parameter expansion (`PC{1:10}`).
#include <map>
#include <string>
#include <vector>

namespace ridgeway {

struct OptionAlias {
    const char* name;   // ridgeway's option
    const char* alias;  // regenie's name for it
};

const std::vector<OptionAlias>& regenie_aliases();

// The names CLI11 is given for `name`: "--covar,--covarFile" (the option first, then its aliases).
std::string names_with_aliases(const std::string& name);

// The arguments with the command that regenie's `--step N` stands for put first when no command is given:
// "--step 1 --bed X" becomes "step1 --step 1 --bed X", "--step 2 ..." becomes "assoc --step 2 ...".
std::vector<std::string> with_step_command(int argc, char** argv, const std::vector<std::string>& commands);

// The options --step implies unless given otherwise, as regenie's defaults: --format regenie, case/control traits
// coded 0/1 (--1) unless --cc12, and in step 2 --mac 5. Checks that --step matches the command.
void apply_step_defaults(const std::string& command, std::map<std::string, std::string>& values,
                         std::map<std::string, bool>& flags);

// "PC{1:3},AGE" -> "PC1,PC2,PC3,AGE": regenie's parameter expansion in a comma-separated list of names (one {i:j} per
// name, with any prefix and suffix). A malformed expansion is a usage error naming `option`.
std::string expand_name_list(const std::string& list, const std::string& option);

}  // namespace ridgeway
