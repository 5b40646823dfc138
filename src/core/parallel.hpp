#pragma once
// ridgeway's own threads: `count` tasks at once, each on its own thread, while the calling thread does `alongside`
// (for example writing the previous results). The first failure of any of them is rethrown once all have finished.
// With one task, everything runs on the calling thread, task first.
#include <algorithm>
#include <cstddef>
#include <functional>

namespace ridgeway {

void run_in_parallel(std::size_t count, const std::function<void(std::size_t)>& task,
                     const std::function<void()>& alongside = {});

// task(k) for every k in [0, count), dealt in turn to min(threads, count) threads (thread w takes w, w + threads, ...).
// Each k's work is the same whichever thread does it, so tasks that each compute their own values give results that
// do not depend on the thread count.
template <typename Task>
void for_each_in_turn(std::size_t count, int threads, const Task& task) {
    if (count == 0) return;
    const auto workers = std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), count);
    run_in_parallel(workers, [&](std::size_t worker) {
        for (std::size_t k = worker; k < count; k += workers) task(k);
    });
}

}  // namespace ridgeway
