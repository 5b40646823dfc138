#pragma once
// Level 0's finished blocks, kept on disk as they complete so that a killed step 1 (or gwas) run continues with
// --resume from the last completed block instead of from the start. The file, <out>.level0.resume, starts with a
// fingerprint of everything the run's results depend on (the command line without the options that change no result,
// see run_fingerprint in cli/split_run.hpp, and the size and modification time of every input file) and the
// problem's shape; then, in block order, one record per block: its index, its count of dropped variants, and its
// predictions for every trait, bit for bit. A record cut short by a kill is ignored, so resumed predictions are
// exactly those of an uninterrupted run.
//
// A part of a split run (--run-part, see core/split_plan.hpp) writes the same format for its own blocks,
// <out>.part<i>.level0, whose records start at its first block, and closes it with a record of the part's times;
// --merge reads the parts' records back into level 0's predictions. A rank of a distributed run (mpirun) writes its
// part in the same format to memory (core/memory_stream.hpp) and sends it to rank 0, which reads it back likewise.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/run_log.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

struct CheckpointShape {
    std::uint64_t fingerprint = 0;
    std::uint64_t rows = 0, traits = 0, blocks = 0, penalties = 0;
};

// What Level0Checkpoint::read found in a file.
struct CheckpointContents {
    bool opened = false;   // the file exists and could be opened
    bool matches = false;  // its fingerprint and shape are those asked for
    std::size_t blocks = 0;   // consecutive records handed over, from the first block asked for
    long valid_bytes = 0;     // length of the header and those records
    std::optional<RunTimes> finished;  // the closing record right after them: the part's times
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
    // A new record stream on `stream` (a distributed run's part in memory), named `name` in messages; finish() closes
    // it.
    Level0Checkpoint(std::string name, std::FILE* stream, const CheckpointShape& shape);
    ~Level0Checkpoint();
    Level0Checkpoint(const Level0Checkpoint&) = delete;
    Level0Checkpoint& operator=(const Level0Checkpoint&) = delete;

    // Hands the records of `path` to `restore` in block order, from `first_block`, as long as they follow on and
    // stay before `end_block` (and within the shape's blocks).
    static CheckpointContents read(const std::string& path, const CheckpointShape& shape, std::size_t first_block,
                                   std::size_t end_block, const RestoreBlock& restore);
    // The same from an open stream (received bytes), which stays open.
    static CheckpointContents read(std::FILE* file, const CheckpointShape& shape, std::size_t first_block,
                                   std::size_t end_block, const RestoreBlock& restore);

    // Blocks 0 .. restored() - 1 came from the file.
    std::size_t restored() const { return restored_; }
    // Appends the next block's record (`predictions` per trait: rows x penalties); blocks come in order.
    void append(std::size_t block, std::uint64_t dropped, const std::vector<Matrix>& predictions);
    // Writes the closing record (the blocks appended and `times`) and closes the file.
    void finish(const RunTimes& times);
    static std::uint64_t fingerprint(const std::vector<std::string>& arguments, const std::vector<std::string>& files);

private:
    void write_header();

    std::string path_;
    CheckpointShape shape_;
    std::FILE* file_ = nullptr;
    std::size_t restored_ = 0;
    std::size_t appended_ = 0;
};

}  // namespace ridgeway
