#include "step1/level0_checkpoint.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

constexpr char kMagic[16] = "ridgeway-level0";

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

Level0Checkpoint::Level0Checkpoint(std::string path, const CheckpointShape& shape, bool resume,
                                   const RestoreBlock& restore, std::string& note)
    : path_(std::move(path)), shape_(shape) {
    const std::size_t record_values = shape.traits * shape.rows * shape.penalties;
    long kept_bytes = 0;
    if (resume) {
        if (std::FILE* old = std::fopen(path_.c_str(), "rb")) {
            char magic[sizeof kMagic];
            CheckpointShape found;
            if (read_exact(old, magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof magic) == 0 &&
                read_exact(old, &found, sizeof found) && std::memcmp(&found, &shape, sizeof shape) == 0) {
                kept_bytes = std::ftell(old);
                std::vector<double> values(record_values);
                for (;;) {
                    std::uint64_t header[2];
                    if (!read_exact(old, header, sizeof header) || header[0] != restored_ ||
                        !read_exact(old, values.data(), values.size() * sizeof(double)))
                        break;
                    restore(restored_, header[1], values);
                    ++restored_;
                    kept_bytes = std::ftell(old);
                }
                note = fmt::format("--resume: {} of {} level-0 blocks restored from {}", restored_, shape.blocks, path_);
            } else {
                note = fmt::format("--resume: {} belongs to other inputs or settings; level 0 starts from the first block", path_);
            }
            std::fclose(old);
        } else {
            note = fmt::format("--resume: no {} yet; level 0 starts from the first block", path_);
        }
    }
    // Keep the valid prefix (a record cut short by a kill is dropped), or start a new file.
    if (restored_ > 0) {
        if (::truncate(path_.c_str(), kept_bytes) != 0 || (file_ = std::fopen(path_.c_str(), "ab")) == nullptr)
            throw Error(ErrorKind::cannot_open, path_ + ": cannot reopen the level-0 checkpoint");
        return;
    }
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, path_ + ": cannot create the level-0 checkpoint");
    if (std::fwrite(kMagic, 1, sizeof kMagic, file_) != sizeof kMagic || std::fwrite(&shape_, sizeof shape_, 1, file_) != 1 ||
        std::fflush(file_) != 0)
        throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
}

Level0Checkpoint::~Level0Checkpoint() {
    if (file_ != nullptr) std::fclose(file_);
}

void Level0Checkpoint::append(std::size_t block, std::uint64_t dropped, const std::vector<Matrix>& predictions) {
    const std::uint64_t header[2] = {block, dropped};
    bool failed = std::fwrite(header, sizeof header, 1, file_) != 1;
    for (const Matrix& m : predictions)
        failed |= std::fwrite(m.data(), sizeof(double), m.rows() * m.cols(), file_) != m.rows() * m.cols();
    // Flushed per block: a kill loses at most the blocks still being computed.
    failed |= std::fflush(file_) != 0;
    if (failed) throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
}

}  // namespace ridgeway
