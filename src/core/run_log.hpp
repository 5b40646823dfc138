#pragma once
// The run's `.log`: every line printed to the terminal, and the long listings that are not, go to the log. While the
// run goes, each line is written and flushed at once to <out>.running.log, so a killed run leaves its log up to its
// last phase or block; at the end that file is renamed to <out>.log on success or <out>.failed.log on failure. An
// earlier finished <out>.log is thus replaced only by a run that succeeded.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace ridgeway {

// Seconds since the run started: wall-clock and CPU (user + system, all threads).
struct RunTimes {
    double wall = 0, cpu = 0;
};

// What a run prints on the terminal besides its errors.
enum class Console {
    all,       // informational lines on stdout, warnings on stderr
    warnings,  // --quiet: warnings only
    none,      // the ranks of a distributed run other than 0
};

class RunLog {
public:
    RunLog(std::string command_line, Console console);
    ~RunLog();
    RunLog(const RunLog&) = delete;
    RunLog& operator=(const RunLog&) = delete;

    // From now on each line is also appended to `running_path` and flushed (the lines so far are written first).
    // A file that cannot be created is reported on stderr; the log is then written only at the end.
    void write_as_it_goes(const std::string& running_path);

    void info(const std::string& line);
    void warn(const std::string& line);
    // Written to the log file only (long listings that would flood a terminal).
    void detail(const std::string& line);

    // Every line so far (for the HTML report).
    const std::vector<std::string>& lines() const { return lines_; }

    RunTimes times() const;
    // Closing lines: wall time, CPU time and peak memory.
    void close_with_resources();
    // Puts the whole log under `path`: the running file renamed, or (when there is none) every line written to a
    // temporary file renamed into place. Failures here are reported on stderr, never thrown.
    void save(const std::string& path);

private:
    void add(std::string line);

    std::vector<std::string> lines_;
    std::size_t warnings_ = 0;
    Console console_;
    std::string running_path_;
    std::FILE* running_ = nullptr;
    bool running_failed_ = false;  // a write to the running file failed: save() writes the lines instead
    std::chrono::steady_clock::time_point start_;
};

// One line of version, compiler and build features for the log header and `ridgeway --version`.
std::string version_line();

}  // namespace ridgeway
