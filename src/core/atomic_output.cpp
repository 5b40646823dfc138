#include "core/atomic_output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <signal.h>
#include <unistd.h>

#include "core/error.hpp"

namespace ridgeway {

OutputSet::~OutputSet() {
    if (committed_) return;
    for (const auto& path : temporary_) std::remove(path.c_str());
}

namespace {

// A killed run leaves its temporary files (<final>.tmp-<pid>) behind; the next run writing the same output removes
// those whose process is gone.
void remove_stale_temporaries(const std::string& final_path) {
    namespace fs = std::filesystem;
    const fs::path final(final_path);
    const fs::path folder = final.has_parent_path() ? final.parent_path() : fs::path(".");
    const std::string prefix = final.filename().string() + ".tmp-";
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string pid = name.substr(prefix.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) fs::remove(entry.path(), error);
    }
}

}  // namespace

std::string OutputSet::add(const std::string& final_path) {
    remove_stale_temporaries(final_path);
    std::string temporary = final_path + ".tmp-" + std::to_string(::getpid());
    final_.push_back(final_path);
    temporary_.push_back(temporary);
    return temporary;
}

void OutputSet::commit() {
    for (std::size_t i = 0; i < final_.size(); ++i) {
        if (std::rename(temporary_[i].c_str(), final_[i].c_str()) != 0)
            throw Error(ErrorKind::cannot_open,
                        final_[i] + ": cannot rename the finished output into place: " + std::strerror(errno));
    }
    committed_ = true;
}

std::string write_output_file(OutputSet& outputs, const std::string& path, std::string_view text) {
    std::string temporary = outputs.add(path);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) throw Error(ErrorKind::cannot_open, path + ": cannot create the file");
    bool failed = std::fwrite(text.data(), 1, text.size(), file) != text.size();
    failed |= std::fclose(file) != 0;
    if (failed) throw Error(ErrorKind::resources, path + ": write failed (disk full?)");
    return temporary;
}

void check_output_prefix(const std::string& prefix) {
    namespace fs = std::filesystem;
    fs::path folder = fs::path(prefix).parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorKind::cannot_open, "--out " + prefix + ": the folder " + folder.string() + " does not exist");
    if (::access(folder.c_str(), W_OK) != 0)
        throw Error(ErrorKind::cannot_open, "--out " + prefix + ": the folder " + folder.string() + " is not writable");
}

}  // namespace ridgeway
