#pragma once
// Outputs are written under a temporary name beside their final path and renamed only when the whole run has
// succeeded, so a failed or killed run never leaves a partial file under a final name and never replaces an earlier
// complete result.
#include <string>
#include <string_view>
#include <vector>

namespace ridgeway {

class OutputSet {
public:
    OutputSet() = default;
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();  // removes every temporary file not committed

    // Registers `final_path` and returns the temporary path to write instead.
    std::string add(const std::string& final_path);
    // Renames every temporary file to its final name; the first failure is an error.
    void commit();
    const std::vector<std::string>& final_paths() const { return final_; }

private:
    std::vector<std::string> final_;
    std::vector<std::string> temporary_;
    bool committed_ = false;
};

// Registers `path` with `outputs` and writes `text` to its temporary name, which is returned (readable before the
// commit).
std::string write_output_file(OutputSet& outputs, const std::string& path, std::string_view text);

// Throws a cannot_open error when the folder of `prefix` does not exist or cannot be written, before any work starts.
void check_output_prefix(const std::string& prefix);

}  // namespace ridgeway
