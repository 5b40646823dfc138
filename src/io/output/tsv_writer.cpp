#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "io/output/assoc_writer.hpp"
#include "io/output/result_writers.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

class TsvWriter final : public AssocWriter {
public:
    TsvWriter(const ResultFileSpec& spec, OutputSet& outputs)
        : final_(spec.out_prefix + "." + spec.trait + (spec.binary ? ".logistic" : ".linear") + ".tsv.gz"),
          binary_(spec.binary), info_(spec.info), index_(spec.index) {
        temporary_ = outputs.add(final_);
        if (index_) temporary_index_ = outputs.add(final_ + ".tbi");
        // Level 1: compression at default level costs more than the association itself for many traits.
        file_ = bgzf_open(temporary_.c_str(), "w1");
        if (file_ == nullptr) throw Error(ErrorKind::cannot_open, final_ + ": cannot create the file");
        line_ = std::string("#CHROM\tPOS\tID\tREF\tALT\tA1\tA1FREQ\t") + (info_ ? "INFO\t" : "") +
                (binary_ ? "A1FREQ_CASES\tA1FREQ_CONTROLS\tN\tN_CASES\tN_CONTROLS\tTEST\tBETA\tSE\tZ_STAT\tP\tLOG10P\tERRCODE\n"
                         : "N\tBETA\tSE\tT_STAT\tP\tLOG10P\tERRCODE\n");
    }
    ~TsvWriter() override {
        if (file_ != nullptr) bgzf_close(file_);
    }

    void write(const Variant& variant, const AssocResult& result) override {
        auto out = std::back_inserter(line_);
        fmt::format_to(out, "{}\t{}\t{}\t{}\t{}\t{}\t{:.6g}\t", variant.chrom, variant.pos, variant.id, variant.allele2,
                       variant.allele1, variant.allele1, result.a1_freq);
        if (info_) fmt::format_to(out, "{:.6g}\t", result.info);
        if (binary_)
            fmt::format_to(out, "{:.6g}\t{:.6g}\t{}\t{}\t{}\t{}\t", result.a1_freq_cases, result.a1_freq_controls, result.n,
                           result.n_cases, result.n_controls, test_kind_name(result.test));
        else
            fmt::format_to(out, "{}\t", result.n);
        if (result.error == ErrorCode::none)
            fmt::format_to(out, "{:.6g}\t{:.6g}\t{:.6g}\t{}\t{:.6g}\t.\n", result.beta, result.se, result.t,
                           format_p_from_log10(result.log10_p), -result.log10_p + 0.0);
        else
            fmt::format_to(out, "NA\tNA\tNA\tNA\tNA\t{}\n", error_code_name(result.error));
        // Rows collect in one buffer and reach BGZF in large writes.
        if (line_.size() > kFlushBytes) flush();
    }

    void finish() override {
        flush();
        int status = bgzf_close(file_);
        file_ = nullptr;
        if (status != 0) throw Error(ErrorKind::resources, final_ + ": write failed (disk full?)");
        if (!index_) return;
        tbx_conf_t conf = {TBX_GENERIC, 1, 2, 2, '#', 0};
        if (tbx_index_build2(temporary_.c_str(), temporary_index_.c_str(), 0, &conf) != 0)
            throw Error(ErrorKind::resources, final_ + ".tbi: building the tabix index failed");
    }

    std::string final_path() const override { return final_; }
    std::string temporary_path() const override { return temporary_; }

private:
    static constexpr std::size_t kFlushBytes = 1 << 16;

    void put(const std::string& text) {
        if (bgzf_write(file_, text.data(), text.size()) < 0)
            throw Error(ErrorKind::resources, final_ + ": write failed (disk full?)");
    }
    void flush() {
        put(line_);
        line_.clear();
    }

    std::string final_, temporary_, temporary_index_;
    bool binary_, info_, index_;
    BGZF* file_ = nullptr;
    std::string line_;  // rows not yet handed to BGZF
};

}  // namespace

std::unique_ptr<AssocWriter> make_tsv_writer(const ResultFileSpec& spec, OutputSet& outputs) {
    return std::make_unique<TsvWriter>(spec, outputs);
}

}  // namespace ridgeway
