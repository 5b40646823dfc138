#include "core/parallel.hpp"

#include <exception>
#include <thread>
#include <vector>

namespace ridgeway {

void run_in_parallel(std::size_t count, const std::function<void(std::size_t)>& task,
                     const std::function<void()>& alongside) {
    if (count == 1) {
        task(0);
        if (alongside) alongside();
        return;
    }
    std::vector<std::exception_ptr> failures(count + 1);
    std::vector<std::thread> pool;
    for (std::size_t k = 0; k < count; ++k)
        pool.emplace_back([&, k] {
            try {
                task(k);
            } catch (...) {
                failures[k] = std::current_exception();
            }
        });
    try {
        if (alongside) alongside();
    } catch (...) {
        failures[count] = std::current_exception();
    }
    for (auto& thread : pool) thread.join();
    for (auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

}  // namespace ridgeway
