#include "step1/level0_checkpoint.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

constexpr char kMagic[16] = "ridgeway-level0";
// The header of the closing record of a finished part: no block has this index.
constexpr std::uint64_t kFinishedRecord = ~std::uint64_t{0};

// FNV-1a, 64 bits: enough to tell one run's inputs from another's.
void mix(std::uint64_t& hash, const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= bytes[i];
        hash *= 1099511628211ULL;
    }
}

bool read_exact(std::FILE* file, void* data, std::size_t size) { return std::fread(data, 1, size, file) == size; }

}  // namespace

std::uint64_t Level0Checkpoint::fingerprint(const std::vector<std::string>& arguments,
                                            const std::vector<std::string>& files) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const auto& argument : arguments) mix(hash, argument.c_str(), argument.size() + 1);
    for (const auto& path : files) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0) continue;
        const std::int64_t facts[3] = {static_cast<std::int64_t>(info.st_size), static_cast<std::int64_t>(info.st_mtim.tv_sec),
                                       static_cast<std::int64_t>(info.st_mtim.tv_nsec)};
        mix(hash, path.c_str(), path.size() + 1);
        mix(hash, facts, sizeof facts);
    }
    return hash;
}

CheckpointContents Level0Checkpoint::read(const std::string& path, const CheckpointShape& shape, std::size_t first_block,
                                          std::size_t end_block, const RestoreBlock& restore) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return {};
    CheckpointContents contents = read(file, shape, first_block, end_block, restore);
    std::fclose(file);
    return contents;
}

CheckpointContents Level0Checkpoint::read(std::FILE* file, const CheckpointShape& shape, std::size_t first_block,
                                          std::size_t end_block, const RestoreBlock& restore) {
    end_block = std::min<std::size_t>(end_block, shape.blocks);
    CheckpointContents contents;
    contents.opened = true;
    char magic[sizeof kMagic];
    CheckpointShape found;
    if (read_exact(file, magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof magic) == 0 &&
        read_exact(file, &found, sizeof found) && std::memcmp(&found, &shape, sizeof shape) == 0) {
        contents.matches = true;
        contents.valid_bytes = std::ftell(file);
        std::vector<double> values(shape.traits * shape.rows * shape.penalties);
        std::uint64_t header[2];
        while (read_exact(file, header, sizeof header)) {
            if (header[0] == kFinishedRecord) {
                double times[2];
                if (header[1] == contents.blocks && read_exact(file, times, sizeof times))
                    contents.finished = RunTimes{times[0], times[1]};
                break;
            }
            if (header[0] != first_block + contents.blocks || header[0] >= end_block ||
                !read_exact(file, values.data(), values.size() * sizeof(double)))
                break;
            restore(first_block + contents.blocks, header[1], values);
            ++contents.blocks;
            contents.valid_bytes = std::ftell(file);
        }
    }
    return contents;
}

Level0Checkpoint::Level0Checkpoint(std::string path, const CheckpointShape& shape, bool resume,
                                   const RestoreBlock& restore, std::string& note)
    : path_(std::move(path)), shape_(shape) {
    CheckpointContents kept;
    if (resume) {
        kept = read(path_, shape, 0, shape.blocks, restore);
        restored_ = kept.blocks;
        note = !kept.opened   ? fmt::format("--resume: no {} yet; level 0 starts from the first block", path_)
               : kept.matches ? fmt::format("--resume: {} of {} level-0 blocks restored from {}", restored_, shape.blocks, path_)
                              : fmt::format("--resume: {} belongs to other inputs or settings; level 0 starts from the first block", path_);
    }
    // Keep the valid prefix (a record cut short by a kill is dropped), or start a new file.
    if (restored_ > 0) {
        if (::truncate(path_.c_str(), kept.valid_bytes) != 0 || (file_ = std::fopen(path_.c_str(), "ab")) == nullptr)
            throw Error(ErrorKind::cannot_open, path_ + ": cannot reopen the level-0 checkpoint");
        return;
    }
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, path_ + ": cannot create the level-0 checkpoint");
    write_header();
}

Level0Checkpoint::Level0Checkpoint(std::string name, std::FILE* stream, const CheckpointShape& shape)
    : path_(std::move(name)), shape_(shape), file_(stream) {
    write_header();
}

void Level0Checkpoint::write_header() {
    if (std::fwrite(kMagic, 1, sizeof kMagic, file_) != sizeof kMagic || std::fwrite(&shape_, sizeof shape_, 1, file_) != 1 ||
        std::fflush(file_) != 0)
        throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
}

Level0Checkpoint::~Level0Checkpoint() {
    if (file_ != nullptr) std::fclose(file_);
}

void Level0Checkpoint::finish(const RunTimes& times) {
    const std::uint64_t header[2] = {kFinishedRecord, appended_};
    const double values[2] = {times.wall, times.cpu};
    bool failed = std::fwrite(header, sizeof header, 1, file_) != 1 || std::fwrite(values, sizeof values, 1, file_) != 1;
    failed |= std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
}

void Level0Checkpoint::append(std::size_t block, std::uint64_t dropped, const std::vector<Matrix>& predictions) {
    const std::uint64_t header[2] = {block, dropped};
    bool failed = std::fwrite(header, sizeof header, 1, file_) != 1;
    for (const Matrix& m : predictions)
        failed |= std::fwrite(m.data(), sizeof(double), m.rows() * m.cols(), file_) != m.rows() * m.cols();
    // Flushed per block: a kill loses at most the blocks still being computed.
    failed |= std::fflush(file_) != 0;
    if (failed) throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
    ++appended_;
}

}  // namespace ridgeway
