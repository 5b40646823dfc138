#pragma once
// A bgzipped text table, the body of the TSV and GWAS-SSF result files: rows collect in a buffer that reaches BGZF
// in large writes, at compression level 1 (the default level costs more than the association tests for many traits),
// and a tabix index can be built once the file is closed. Write failures (disk full) are thrown.
#include <htslib/bgzf.h>

#include <string>

namespace ridgeway {

class BgzfTable {
public:
    // Creates `path`; `name` (the final name) is what errors mention.
    BgzfTable(std::string path, std::string name);
    ~BgzfTable();
    BgzfTable(const BgzfTable&) = delete;
    BgzfTable& operator=(const BgzfTable&) = delete;

    // Rows not yet written: append whole lines, then call row_added().
    std::string& rows() { return rows_; }
    void row_added() {
        if (rows_.size() > kFlushBytes) flush();
    }
    // Writes what is buffered and closes the file.
    void close();
    // Tabix index of the closed file (chromosome in column 1, position in column 2), skipping the first
    // `header_lines` lines and lines that start with '#'.
    void build_index(const std::string& index_path, int header_lines) const;

private:
    static constexpr std::size_t kFlushBytes = 1 << 16;
    void flush();

    std::string path_, name_;
    BGZF* file_ = nullptr;
    std::string rows_;
};

}  // namespace ridgeway
