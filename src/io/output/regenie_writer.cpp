#include <cmath>
#include <cstdio>
#include <numbers>
#include <string_view>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/text_output.hpp"
#include "io/output/assoc_writer.hpp"
#include "io/output/result_writers.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

// regenie's step 2 layout: CHROM GENPOS ID ALLELE0 ALLELE1 A1FREQ N TEST BETA SE CHISQ LOG10P EXTRA, with ALLELE1
// the tested allele; case/control traits add A1FREQ_CASES A1FREQ_CONTROLS after A1FREQ and N_CASES N_CONTROLS after
// N, as regenie's --af-cc. EXTRA is NA, the ERRCODE of a row without a result, or FIRTH or SPA for a p-value from
// that correction (the TSV's TEST column), which the report reads. With spec.gzip the file is <out>_<TRAIT>.regenie.gz,
// as regenie's --gz writes it. CHISQ and LOG10P always agree: CHISQ is the 1-df chi-square value whose upper tail is
// the reported P, which is Z^2 for the tests with a normal reference and, for the linear t test, the chi-square
// equivalent of the t distribution's P (not T^2, whose chi-square P would be smaller). Models with several terms
// name each row's term in TEST (ADD-INT_SNP, ADD-INT_SNPxCOV, ADD-INT_2DF; ADD, DOMDEV, GENO_2DF); a joint test's
// row has BETA and SE NA and the chi-square with its degrees of freedom whose upper tail is P.
class RegenieWriter final : public AssocWriter {
public:
    RegenieWriter(const ResultFileSpec& spec, OutputSet& outputs)
        : final_(spec.out_prefix + "_" + spec.trait + ".regenie" + gzip_suffix(spec.gzip)), temporary_(outputs.add(final_)),
          file_(temporary_, spec.gzip, final_), binary_(spec.binary), info_(spec.info),
          t_distribution_(spec.t_distribution), model_test_(spec.model_test), terms_(spec.terms) {
        const std::string header = std::string("CHROM GENPOS ID ALLELE0 ALLELE1 A1FREQ ") +
                                   (binary_ ? "A1FREQ_CASES A1FREQ_CONTROLS " : "") + (info_ ? "INFO " : "") +
                                   (binary_ ? "N N_CASES N_CONTROLS " : "N ") + "TEST BETA SE CHISQ LOG10P EXTRA\n";
        file_.write(header);
    }

    void write(const Variant& variant, const AssocResult& result, std::size_t term) override {
        std::string line = fmt::format("{} {} {} {} {} {} ", variant.chrom, variant.pos, variant.id, variant.allele2,
                                       variant.allele1, format_number(result.a1_freq));
        if (binary_)
            line += fmt::format("{} {} ", format_number(result.a1_freq_cases), format_number(result.a1_freq_controls));
        if (info_) line += format_number(result.info) + " ";
        const std::string_view test =
            terms_.empty() ? std::string_view(model_test_) : std::string_view(terms_[term].name);
        const unsigned df = terms_.empty() ? 1 : terms_[term].df;
        if (binary_)
            line += fmt::format("{} {} {} {} ", result.n, result.n_cases, result.n_controls, test);
        else
            line += fmt::format("{} {} ", result.n, test);
        const bool corrected = result.test == TestKind::firth || result.test == TestKind::spa;
        if (result.error == ErrorCode::none)
            line += fmt::format("{} {} {} {} {}\n", df > 1 ? "NA" : format_number(result.beta),
                                df > 1 ? "NA" : format_number(result.se), format_number(chi_square(result, df)),
                                format_number(-result.log10_p + 0.0), corrected ? test_kind_name(result.test) : "NA");
        else
            line += fmt::format("NA NA NA NA {}\n", error_code_name(result.error));
        file_.write(line);
    }

    void finish() override { file_.close(); }

    std::string final_path() const override { return final_; }
    std::string temporary_path() const override { return temporary_; }

private:
    // A joint test's statistic is its chi-square already, unless it is an F.
    double chi_square(const AssocResult& result, unsigned df) const {
        if (df > 1) return t_distribution_ ? chisq_quantile_upper(result.log10_p * std::numbers::ln10, df) : result.t;
        if (!t_distribution_) return result.t * result.t;
        const double z = normal_quantile_two_sided(result.log10_p * std::numbers::ln10);
        return z * z;
    }

    std::string final_, temporary_;
    TextOutput file_;
    bool binary_, info_, t_distribution_;
    const char* model_test_;
    std::vector<ResultTerm> terms_;
};

}  // namespace

std::unique_ptr<AssocWriter> make_regenie_writer(const ResultFileSpec& spec, OutputSet& outputs) {
    return std::make_unique<RegenieWriter>(spec, outputs);
}

}  // namespace ridgeway
