#pragma once
// The records of a VCF or BCF in file order, each once: all of them, or only those whose POS lies in some genomic
// regions. A bgzipped VCF with FILE.tbi or FILE.csi (tabix -p vcf, tabix --csi), or a BCF with FILE.csi (bcftools
// index), is read through its index, which decompresses only the blocks that hold the regions; without an index
// every record is read and those outside the regions are skipped.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include "qc/genomic_regions.hpp"

namespace ridgeway {

class VcfRecordReader {
public:
    // `file` and `header` stay the caller's; the header has been read. A corrupt index is an error naming it.
    VcfRecordReader(const std::string& path, htsFile* file, bcf_hdr_t* header, const GenomicRegions& regions);
    ~VcfRecordReader();
    VcfRecordReader(const VcfRecordReader&) = delete;
    VcfRecordReader& operator=(const VcfRecordReader&) = delete;

    // bcf_read's codes: 0 with the next record in `record`, -1 after the last, below -1 when the file is corrupt.
    int next(bcf1_t* record);

    // Records read from the file so far, those skipped as outside the regions included.
    std::size_t records_read() const { return records_read_; }
    // The index read through; empty when the whole file is read.
    const std::string& index_path() const { return index_path_; }
    // How many records the index says the file holds; nothing when it does not say.
    std::optional<std::uint64_t> records_in_file() const { return records_in_file_; }
    // The commands that would give the file an index.
    std::string how_to_index() const;

private:
    struct TabixFree {
        void operator()(tbx_t* tabix) const { tbx_destroy(tabix); }
    };
    struct IndexFree {
        void operator()(hts_idx_t* index) const { hts_idx_destroy(index); }
    };
    struct IteratorFree {
        void operator()(hts_itr_t* iterator) const { hts_itr_destroy(iterator); }
    };
    // One interval of one sequence of the index.
    struct Query {
        int tid;
        long long first;
        std::unique_ptr<hts_itr_t, IteratorFree> iterator;
        std::uint64_t file_offset;  // where its first block starts, to put the sequences in file order
    };

    void load_index();
    void plan_queries();
    void order_by_file_position();
    int next_of_all(bcf1_t* record);
    int next_in_query(Query& query, bcf1_t* record);

    std::string path_;
    htsFile* file_;
    bcf_hdr_t* header_;
    GenomicRegions regions_;
    bool bcf_;
    bool bgzipped_;
    std::string index_path_;
    std::unique_ptr<tbx_t, TabixFree> tabix_;     // a VCF's index
    std::unique_ptr<hts_idx_t, IndexFree> csi_;  // a BCF's index
    hts_idx_t* index_ = nullptr;                 // whichever of the two was loaded
    std::vector<Query> queries_;                 // in file order
    std::size_t current_ = 0;
    kstring_t line_ = KS_INITIALIZE;
    std::size_t records_read_ = 0;
    std::optional<std::uint64_t> records_in_file_;
};

}  // namespace ridgeway
