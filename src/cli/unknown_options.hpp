#pragma once
// The one-line error for arguments a command does not take: the unknown options in the order given, each with the
// nearest option the command knows ("did you mean --covar-name?") or, for another command's option, the commands
// that take it.
#include <string>
#include <vector>

namespace ridgeway {

// `extras` are the arguments left over after parsing `command`'s options, in the order given (an unknown option's
// value among them). `regenie_form`: the command line is regenie's (--step), whose options ridgeway does not offer
// the README lists.
std::string unknown_arguments_message(const std::string& command, const std::vector<std::string>& extras,
                                      bool regenie_form);

// Throws the usage error for a command line that does not start with a command (nor --help or --version): an
// unknown command with the nearest one, or a missing command with the list of them (and regenie's --step form).
void check_command_word(const std::vector<std::string>& args, const std::vector<std::string>& commands);

// The edit distance between two option names, ignoring case (a difference only in case counts as one edit).
std::size_t option_name_distance(const std::string& a, const std::string& b);

}  // namespace ridgeway
