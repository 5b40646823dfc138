#pragma once
// Wall-clock seconds since construction (or the last restart), for the phase timings in logs.
#include <chrono>

namespace ridgeway {

class Stopwatch {
public:
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    void restart() { start_ = std::chrono::steady_clock::now(); }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace ridgeway
