#pragma once
// The level-0 predictions W (per trait: samples x blocks * penalties), kept in memory when the budget allows and
// otherwise in a temporary file laid out trait by trait, so level 1 holds only one trait's W at a time.
#include <cstdio>
#include <string>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

class PredictionStore {
public:
    // When `in_memory` is false the predictions go to a temporary file `spill_prefix`-level0-XXXXXX, removed with
    // the store.
    PredictionStore(std::size_t n_traits, std::size_t rows, std::size_t columns, bool in_memory,
                    const std::string& spill_prefix);
    ~PredictionStore();
    PredictionStore(const PredictionStore&) = delete;
    PredictionStore& operator=(const PredictionStore&) = delete;

    // Stores `count` consecutive columns of trait `trait`, starting at `first_column` (rows x count, column-major).
    // Safe from several threads for different column ranges.
    void put(std::size_t trait, std::size_t first_column, std::size_t count, const double* values);
    // Hands over the whole W of one trait (moved out when in memory, so it is held once).
    Matrix take(std::size_t trait);

    static std::size_t bytes_per_trait(std::size_t rows, std::size_t columns) { return rows * columns * sizeof(double); }

private:
    std::size_t rows_, columns_;
    bool in_memory_;
    std::vector<Matrix> matrices_;
    std::string path_;
    int fd_ = -1;
};

}  // namespace ridgeway
