#include "core/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace ridgeway {

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), enabled_(::isatty(STDERR_FILENO) == 1), last_draw_() {}

Progress::~Progress() {
    if (enabled_) std::fprintf(stderr, "\r%s [%zu/%zu] done\n", label_.c_str(), total_, total_);
}

void Progress::update(std::size_t done) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    std::fprintf(stderr, "\r%s [%zu/%zu]", label_.c_str(), done, total_);
    std::fflush(stderr);
}

}  // namespace ridgeway
