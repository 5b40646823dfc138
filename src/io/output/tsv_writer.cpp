#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "io/output/assoc_writer.hpp"
#include "io/output/bgzf_table.hpp"
#include "io/output/result_writers.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

class TsvWriter final : public AssocWriter {
public:
    TsvWriter(const ResultFileSpec& spec, OutputSet& outputs)
        : final_(spec.out_prefix + "." + spec.trait + (spec.binary ? ".logistic" : ".linear") + ".tsv.gz"),
          temporary_(outputs.add(final_)), binary_(spec.binary), info_(spec.info), terms_(spec.terms),
          table_(temporary_, final_) {
        if (spec.index) temporary_index_ = outputs.add(final_ + ".tbi");
        const bool terms = !terms_.empty();
        const char* statistic = terms ? (spec.t_distribution ? "T_OR_F_STAT" : "Z_OR_CHISQ_STAT")
                                      : (spec.t_distribution ? "T_STAT" : "Z_STAT");
        table_.rows() = std::string("#CHROM\tPOS\tID\tREF\tALT\tA1\tA1FREQ\t") + (info_ ? "INFO\t" : "") +
                        (binary_ ? "A1FREQ_CASES\tA1FREQ_CONTROLS\tN\tN_CASES\tN_CONTROLS\t" : "N\t") +
                        (terms ? "TEST\t" : "") + (binary_ ? (terms ? "METHOD\t" : "TEST\t") : "") +
                        fmt::format("BETA\tSE\t{}\tP\tLOG10P\tERRCODE\n", statistic);
    }

    void write(const Variant& variant, const AssocResult& result, std::size_t term) override {
        auto out = std::back_inserter(table_.rows());
        fmt::format_to(out, "{}\t{}\t{}\t{}\t{}\t{}\t{:.6g}\t", variant.chrom, variant.pos, variant.id, variant.allele2,
                       variant.allele1, variant.allele1, result.a1_freq);
        if (info_) fmt::format_to(out, "{:.6g}\t", result.info);
        if (binary_)
            fmt::format_to(out, "{:.6g}\t{:.6g}\t{}\t{}\t{}\t", result.a1_freq_cases, result.a1_freq_controls, result.n,
                           result.n_cases, result.n_controls);
        else
            fmt::format_to(out, "{}\t", result.n);
        const bool joint = !terms_.empty() && terms_[term].df > 1;
        if (!terms_.empty()) fmt::format_to(out, "{}\t", terms_[term].name);
        if (binary_) fmt::format_to(out, "{}\t", test_kind_name(result.test));
        if (result.error != ErrorCode::none)
            fmt::format_to(out, "NA\tNA\tNA\tNA\tNA\t{}\n", error_code_name(result.error));
        else if (joint)
            fmt::format_to(out, "NA\tNA\t{:.6g}\t{}\t{:.6g}\t.\n", result.t, format_p_from_log10(result.log10_p),
                           -result.log10_p + 0.0);
        else
            fmt::format_to(out, "{:.6g}\t{:.6g}\t{:.6g}\t{}\t{:.6g}\t.\n", result.beta, result.se, result.t,
                           format_p_from_log10(result.log10_p), -result.log10_p + 0.0);
        table_.row_added();
    }

    void finish() override {
        table_.close();
        if (!temporary_index_.empty()) table_.build_index(temporary_index_, 0);
    }

    std::string final_path() const override { return final_; }
    std::string temporary_path() const override { return temporary_; }

private:
    std::string final_, temporary_, temporary_index_;  // no index path: no index
    bool binary_, info_;
    std::vector<ResultTerm> terms_;
    BgzfTable table_;
};

}  // namespace

std::unique_ptr<AssocWriter> make_tsv_writer(const ResultFileSpec& spec, OutputSet& outputs) {
    return std::make_unique<TsvWriter>(spec, outputs);
}

}  // namespace ridgeway
