#pragma once
// Storage for a large square matrix of which only the lower triangle is ever written or read (a symmetric system
// and its Cholesky factor). Unlike std::vector it leaves its memory uninitialised, so the pages that hold only the
// upper triangle are never touched and never become resident: for N = 16,000 a double system and its FP32 factor
// then cost 1.5 GB of memory instead of 3 GB, and first touches of fresh pages are a large share of the time of
// building such systems. Capacity is kept across resizes, for the many solves of a cross-validation.
#include <cstddef>
#include <memory>

namespace ridgeway {

template <typename T>
class TriangleBuffer {
public:
    // Room for an n x n matrix (leading dimension n); the contents are unspecified until written.
    T* resize(std::size_t n) {
        if (n * n > capacity_) {
            data_.reset(new T[n * n]);  // default-initialised: no write to any page
            capacity_ = n * n;
        }
        return data_.get();
    }
    T* data() { return data_.get(); }
    const T* data() const { return data_.get(); }
    void release() {
        data_.reset();
        capacity_ = 0;
    }

private:
    std::unique_ptr<T[]> data_;
    std::size_t capacity_ = 0;
};

}  // namespace ridgeway
