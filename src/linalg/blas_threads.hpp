#pragma once
// The program keeps OpenBLAS on one thread (parallel callers each run their own small products); a large product or
// factorization that asks for more threads gets them for the lifetime of this guard only.
#include <algorithm>

#include <cblas.h>

namespace ridgeway {

class BlasThreads {
public:
    explicit BlasThreads(int threads) : threads_(std::max(threads, 1)) {
        if (threads_ != 1) openblas_set_num_threads(threads_);
    }
    ~BlasThreads() {
        if (threads_ != 1) openblas_set_num_threads(1);
    }
    BlasThreads(const BlasThreads&) = delete;
    BlasThreads& operator=(const BlasThreads&) = delete;

private:
    int threads_;
};

}  // namespace ridgeway
