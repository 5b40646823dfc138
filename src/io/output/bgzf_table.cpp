#include "io/output/bgzf_table.hpp"

#include <htslib/tbx.h>

#include "core/error.hpp"

namespace ridgeway {

BgzfTable::BgzfTable(std::string path, std::string name) : path_(std::move(path)), name_(std::move(name)) {
    file_ = bgzf_open(path_.c_str(), "w1");
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, name_ + ": cannot create the file");
}

BgzfTable::~BgzfTable() {
    if (file_ != nullptr) bgzf_close(file_);
}

void BgzfTable::flush() {
    if (bgzf_write(file_, rows_.data(), rows_.size()) < 0)
        throw Error(ErrorKind::resources, name_ + ": write failed (disk full?)");
    rows_.clear();
}

void BgzfTable::close() {
    flush();
    const int status = bgzf_close(file_);
    file_ = nullptr;
    if (status != 0) throw Error(ErrorKind::resources, name_ + ": write failed (disk full?)");
}

void BgzfTable::build_index(const std::string& index_path, int header_lines) const {
    tbx_conf_t conf = {TBX_GENERIC, 1, 2, 2, '#', header_lines};
    if (tbx_index_build2(path_.c_str(), index_path.c_str(), 0, &conf) != 0)
        throw Error(ErrorKind::resources, name_ + ".tbi: building the tabix index failed");
}

}  // namespace ridgeway
