#include "io/vcf/vcf_record_reader.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/error.hpp"
#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

// FILE.tbi or FILE.csi beside a bgzipped VCF, FILE.csi beside a BCF; empty when there is none.
std::string find_index(const std::string& path, bool is_bcf) {
    std::error_code ignored;
    for (const std::string suffix : {".tbi", ".csi"}) {
        if (is_bcf && suffix == ".tbi") continue;
        if (std::filesystem::is_regular_file(path + suffix, ignored)) return path + suffix;
    }
    return "";
}

}  // namespace

VcfRecordReader::VcfRecordReader(const std::string& path, htsFile* file, bcf_hdr_t* header,
                                 const GenomicRegions& regions)
    : path_(path), file_(file), header_(header), regions_(regions), bcf_(hts_get_format(file)->format == bcf),
      bgzipped_(hts_get_format(file)->compression == bgzf) {
    if (regions_.whole_genome() || !bgzipped_) return;
    index_path_ = find_index(path_, bcf_);
    if (index_path_.empty()) return;
    load_index();
    plan_queries();
}

VcfRecordReader::~VcfRecordReader() { ks_free(&line_); }

std::string VcfRecordReader::how_to_index() const {
    if (bcf_) return bgzipped_ ? "bcftools index " + path_ : "bcftools view -Ob, then bcftools index";
    return bgzipped_ ? "tabix -p vcf " + path_ : "bgzip, then tabix -p vcf";
}

void VcfRecordReader::load_index() {
    if (bcf_) {
        csi_.reset(bcf_index_load2(path_.c_str(), index_path_.c_str()));
        index_ = csi_.get();
    } else {
        tabix_.reset(tbx_index_load2(path_.c_str(), index_path_.c_str()));
        index_ = tabix_ ? tabix_->idx : nullptr;
    }
    if (index_ == nullptr)
        throw Error(ErrorKind::malformed,
                    fmt::format("{}: not a readable index of {}; rebuild it ({}) or delete it", index_path_, path_,
                                how_to_index()));
}

void VcfRecordReader::plan_queries() {
    int n_sequences = 0;
    const char** names = bcf_ ? bcf_index_seqnames(index_, header_, &n_sequences) : tbx_seqnames(tabix_.get(), &n_sequences);
    const std::unique_ptr<const char*, decltype(&std::free)> owned_names(names, &std::free);
    std::uint64_t total = 0;
    bool counted = false;
    for (int s = 0; s < n_sequences; ++s) {
        const int tid = bcf_ ? bcf_hdr_name2id(header_, names[s]) : tbx_name2id(tabix_.get(), names[s]);
        std::uint64_t records = 0, unplaced = 0;
        // A sequence without records has no counts either (a BCF's index lists every contig of its header).
        if (hts_idx_get_stat(index_, tid, &records, &unplaced) == 0) counted = true;
        total += records;
        // A sequence whose name is no chromosome (a decoy contig) has code 0, which no region asks for.
        for (const auto& interval : regions_.on_chromosome(chromosome_code(names[s]))) {
            const hts_pos_t begin = interval.first - 1, end = std::min<long long>(interval.last, HTS_POS_MAX);
            hts_itr_t* iterator = bcf_ ? bcf_itr_queryi(index_, tid, begin, end) : tbx_itr_queryi(tabix_.get(), tid, begin, end);
            if (iterator == nullptr)
                throw Error(ErrorKind::malformed, fmt::format("{}: the index cannot be searched for {}:{}-{}",
                                                              index_path_, names[s], interval.first, end));
            const std::uint64_t offset = iterator->n_off > 0 ? iterator->off[0].u : std::numeric_limits<std::uint64_t>::max();
            queries_.push_back({tid, interval.first, std::unique_ptr<hts_itr_t, IteratorFree>(iterator), offset});
        }
    }
    if (counted) records_in_file_ = total;
    order_by_file_position();
}

void VcfRecordReader::order_by_file_position() {
    // An indexed file holds each sequence's records together, but not necessarily in the order of the sequence
    // numbers (a BCF's follow its header's contig lines): order the sequences by where their first query starts.
    std::map<int, std::uint64_t> sequence_start;
    for (const auto& query : queries_) {
        const auto [at, added] = sequence_start.emplace(query.tid, query.file_offset);
        if (!added) at->second = std::min(at->second, query.file_offset);
    }
    std::sort(queries_.begin(), queries_.end(), [&](const Query& a, const Query& b) {
        return std::tuple(sequence_start.at(a.tid), a.tid, a.first) < std::tuple(sequence_start.at(b.tid), b.tid, b.first);
    });
}

int VcfRecordReader::next(bcf1_t* record) {
    if (index_path_.empty()) return next_of_all(record);
    while (current_ < queries_.size()) {
        Query& query = queries_[current_];
        const int status = next_in_query(query, record);
        if (status == -1) {
            query.iterator.reset();
            ++current_;
            continue;
        }
        if (status < -1) return status;
        ++records_read_;
        // The index finds every record overlapping the interval; one that starts before it (a deletion) is not in
        // it, as it would not be in a file without an index, and it cannot come out twice.
        if (record->pos + 1 >= query.first) return 0;
    }
    return -1;
}

int VcfRecordReader::next_of_all(bcf1_t* record) {
    int status = 0;
    while ((status = bcf_read(file_, header_, record)) == 0) {
        ++records_read_;
        // A malformed record goes to the caller, which reports it, before its chromosome is looked at.
        if (record->errcode != 0 || regions_.contains(bcf_seqname(header_, record), record->pos + 1)) return 0;
    }
    return status;
}

int VcfRecordReader::next_in_query(Query& query, bcf1_t* record) {
    if (bcf_) return bcf_itr_next(file_, query.iterator.get(), record);
    const int status = tbx_itr_next(file_, tabix_.get(), query.iterator.get(), &line_);
    if (status < 0) return status;
    return vcf_parse(&line_, header_, record) == 0 ? 0 : -2;
}

}  // namespace ridgeway
