#pragma once
// Level 0's finished blocks, kept on disk as they complete so that a killed step 1 (or gwas) run continues with
// --resume from the last completed block instead of from the start. The file, <out>.level0.resume, starts with a
// fingerprint of everything the predictions depend on (the command line without --threads and --resume, and the
// size and modification time of every input file) and the problem's shape; then, in block order, one record per
// block: its index, its count of dropped variants, and its predictions for every trait, bit for bit. A record cut
// short by a kill is ignored, so resumed predictions are exactly those of an uninterrupted run.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct CheckpointShape {
    std::uint64_t fingerprint = 0;
    std::uint64_t rows = 0, traits = 0, blocks = 0, penalties = 0;
};

class Level0Checkpoint {
public:
    // A restored block: its index, dropped count and predictions (trait by trait, each rows x penalties).
    using RestoreBlock = std::function<void(std::size_t block, std::uint64_t dropped, const std::vector<double>& values)>;

    // Opens `path`: with `resume`, hands the records of a file with the same fingerprint and shape to `restore`, in
    // block order (a different or unreadable file is ignored; `note` says what happened); otherwise starts a new
    // file.
    Level0Checkpoint(std::string path, const CheckpointShape& shape, bool resume, const RestoreBlock& restore,
                     std::string& note);
    ~Level0Checkpoint();
    Level0Checkpoint(const Level0Checkpoint&) = delete;
    Level0Checkpoint& operator=(const Level0Checkpoint&) = delete;

    // Blocks 0 .. restored() - 1 came from the file.
    std::size_t restored() const { return restored_; }
    // Appends the next block's record (`predictions` per trait: rows x penalties); blocks come in order.
    void append(std::size_t block, std::uint64_t dropped, const std::vector<Matrix>& predictions);
    static std::uint64_t fingerprint(const std::vector<std::string>& arguments, const std::vector<std::string>& files);

private:
    std::string path_;
    CheckpointShape shape_;
    std::FILE* file_ = nullptr;
    std::size_t restored_ = 0;
};

}  // namespace ridgeway
