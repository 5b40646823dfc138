#pragma once
// ridgeway's own threads: `count` tasks at once, each on its own thread, while the calling thread does `alongside`
// (for example writing the previous results). The first failure of any of them is rethrown once all have finished.
// With one task, everything runs on the calling thread, task first.
#include <cstddef>
#include <functional>

namespace ridgeway {

void run_in_parallel(std::size_t count, const std::function<void(std::size_t)>& task,
                     const std::function<void()>& alongside = {});

}  // namespace ridgeway
