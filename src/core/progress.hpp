#pragma once
// "label [i/N]" progress on stderr with the time elapsed and an estimate of the time left. On a terminal the line is
// redrawn at most a few times a second. Without one (a batch job's error file) whole lines are printed when a unit of
// work finishes at least 10 seconds after the previous line (or the start), and a closing line ends a phase that
// printed any or lasted 10 seconds, so a long phase shows it is alive without flooding the file and a short one
// prints nothing (a failed short run's stderr stays its one error line). `--quiet` and the ranks of a distributed run
// other than 0 show none.
#include <chrono>
#include <cstddef>
#include <string>

namespace ridgeway {

// Process-wide switch, set once by the command line before any work starts.
void show_progress(bool shown);

class Progress {
public:
    // `already_done` units were finished before this run (blocks restored by --resume): they count towards `total`
    // but not towards the rate the estimate is drawn from.
    Progress(std::string label, std::size_t total, std::size_t already_done = 0);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // `done` units of `total` are finished (counting those already done).
    void update(std::size_t done);

private:
    enum class Mode { off, terminal, lines };
    std::string describe(std::size_t done, std::chrono::steady_clock::time_point now) const;

    std::string label_;
    std::size_t total_, already_done_;
    Mode mode_;
    std::chrono::steady_clock::time_point start_, last_print_;
    bool printed_any_ = false;
};

// "1:02:03" (hours:minutes:seconds), for progress lines.
std::string clock_duration(double seconds);

}  // namespace ridgeway
