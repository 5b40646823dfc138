#pragma once
// The run's `.log`: every line printed to the terminal is also kept for the log file, which is written when the run
// ends (as <out>.log on success, <out>.failed.log on failure, so a failed rerun never replaces a finished run's log).
#include <chrono>
#include <string>
#include <vector>

namespace ridgeway {

// Seconds since the run started: wall-clock and CPU (user + system, all threads).
struct RunTimes {
    double wall = 0, cpu = 0;
};

class RunLog {
public:
    // A quiet log prints nothing (the ranks of a distributed run other than 0); it still keeps every line.
    RunLog(std::string command_line, bool quiet);

    void info(const std::string& line);
    void warn(const std::string& line);
    // Written to the log file only (long listings that would flood a terminal).
    void detail(const std::string& line);

    // Every line so far (for the HTML report).
    const std::vector<std::string>& lines() const { return lines_; }

    RunTimes times() const;
    // Closing lines: wall time, CPU time and peak memory.
    void close_with_resources();
    // Writes the log under `path` (atomically); failures here are reported on stderr, never thrown.
    void save(const std::string& path) const;

private:
    std::vector<std::string> lines_;
    std::size_t warnings_ = 0;
    bool quiet_;
    std::chrono::steady_clock::time_point start_;
};

// One line of version, compiler and build features for the log header and `ridgeway --version`.
std::string version_line();

}  // namespace ridgeway
