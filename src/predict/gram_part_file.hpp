#pragma once
// One part of a split `predict` (`--run-part`, see core/split_plan.hpp): <out>.part<I>.gram holds the training
// products of the part's column tiles, the bytes TrainingGram::write_tiles writes, after a header with the run's
// fingerprint, the number of training samples, the coding (calls or dosages) and the range of tiles, so that a part
// of another command line, input or plan is recognized. `predict --merge` assembles the parts into the TrainingGram
// one process computes, bit for bit.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "core/split_plan.hpp"

namespace ridgeway {

struct GramPartShape {
    std::uint64_t fingerprint = 0;
    std::uint64_t samples = 0;  // training samples
    std::uint64_t dosage = 0;   // 1: FP64 products of dosages; 0: int32 products of calls
    std::uint64_t first = 0, count = 0;  // the part's tiles
};

// Writes the part file `path` (a temporary name, renamed by the caller's OutputSet): the header of `shape`, then
// what `write_values` writes to the stream, which must not close it. A failed write is an error naming the file.
void write_gram_part(const std::string& path, const GramPartShape& shape,
                     const std::function<bool(std::FILE*)>& write_values);

// The values of the part file `path`, expected to have `shape` and `bytes` bytes of values. A missing file, another
// header, or a file with more or fewer values is an error naming the file.
std::string read_gram_part(const std::string& path, const GramPartShape& shape, std::size_t bytes);

}  // namespace ridgeway
