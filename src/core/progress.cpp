#include "core/progress.hpp"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <unistd.h>

#include <fmt/format.h>

namespace ridgeway {

namespace {

std::atomic<bool> g_shown{true};

constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
constexpr auto kLineInterval = std::chrono::seconds(10);

double seconds_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

}  // namespace

void show_progress(bool shown) { g_shown = shown; }

std::string clock_duration(double seconds) {
    const auto whole = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
}

Progress::Progress(std::string label, std::size_t total, std::size_t already_done)
    : label_(std::move(label)), total_(total), already_done_(already_done),
      mode_(!g_shown ? Mode::off : ::isatty(STDERR_FILENO) == 1 ? Mode::terminal : Mode::lines),
      start_(std::chrono::steady_clock::now()), last_print_(start_) {}

std::string Progress::describe(std::size_t done, std::chrono::steady_clock::time_point now) const {
    const double elapsed = seconds_between(start_, now);
    const double percent = total_ ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100.0;
    std::string text = fmt::format("{} [{}/{}] {:.0f}%, {} elapsed", label_, done, total_, std::floor(percent),
                                   clock_duration(elapsed));
    if (done >= total_) return text;
    const std::size_t done_here = done - std::min(done, already_done_);
    if (done_here == 0) return text + ", estimating the time left";
    const double left = elapsed / static_cast<double>(done_here) * static_cast<double>(total_ - done);
    return text + ", about " + clock_duration(left) + " left";
}

Progress::~Progress() {
    if (mode_ == Mode::off) return;
    if (std::uncaught_exceptions() > 0) {  // the run failed: its error line follows on a line of its own
        if (mode_ == Mode::terminal && printed_any_) std::fputc('\n', stderr);
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const std::string closing = fmt::format("{} [{}/{}] done in {}", label_, total_, total_,
                                            clock_duration(seconds_between(start_, now)));
    if (mode_ == Mode::terminal)
        std::fprintf(stderr, "\r%s\33[K\n", closing.c_str());
    else if (printed_any_ || now - start_ >= kLineInterval)
        std::fprintf(stderr, "%s\n", closing.c_str());
}

void Progress::update(std::size_t done) {
    if (mode_ == Mode::off) return;
    const auto now = std::chrono::steady_clock::now();
    if (mode_ == Mode::terminal) {
        if (printed_any_ && now - last_print_ < kTerminalInterval) return;
        std::fprintf(stderr, "\r%s\33[K", describe(done, now).c_str());
    } else {
        // The last unit is reported by the closing line.
        if (done >= total_ || now - last_print_ < kLineInterval) return;
        std::fprintf(stderr, "%s\n", describe(done, now).c_str());
    }
    std::fflush(stderr);
    last_print_ = now;
    printed_any_ = true;
}

}  // namespace ridgeway
