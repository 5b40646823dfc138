#pragma once
// Per-trait association result files. The default is a bgzipped, tabix-indexed TSV with a `#` header,
// `<out>.<TRAIT>.linear.tsv.gz`:
//   #CHROM POS ID REF ALT A1 A1FREQ N BETA SE T_STAT P LOG10P ERRCODE
// (Z_STAT instead of T_STAT with --test-stat normal)
// and for case/control traits `<out>.<TRAIT>.logistic.tsv.gz`:
//   #CHROM POS ID REF ALT A1 A1FREQ A1FREQ_CASES A1FREQ_CONTROLS N N_CASES N_CONTROLS TEST BETA SE Z_STAT P LOG10P
//   ERRCODE
// with BETA the log odds ratio per A1 allele and TEST the test behind P (SCORE, FIRTH or SPA).
// (A1 = ALT = the .bim's fifth column, the counted allele; LOG10P is -log10 P as in regenie; P is exact far below
// 1e-308). `regenie` writes regenie's `<out>_<TRAIT>.regenie` layout instead, and `ssf` the GWAS Catalog's
// summary-statistics format, `<out>.<TRAIT>.ssf.tsv.gz` with its `-meta.yaml` (ssf_writer.cpp).
// Models with several terms per variant (--interaction, --test genotypic) write one row per term, named in a TEST
// column after N (N_CONTROLS for case/control traits; the case/control TEST column of the test behind P is then
// METHOD); a joint test's row has no BETA or SE, and its statistic column, T_OR_F_STAT (F) or Z_OR_CHISQ_STAT
// (chi-square), holds the F or chi-square statistic.
#include <memory>
#include <string>
#include <vector>

#include "assoc/assoc_result.hpp"
#include "io/genotype_source.hpp"

namespace ridgeway {

class OutputSet;

enum class ResultFormat { tsv, regenie, ssf };

// What the run knows about one trait's analysis, for layouts with a metadata file (GWAS-SSF's YAML).
struct TraitAnalysis {
    std::size_t sample_size = 0;                    // analysed samples with a value for the trait
    std::size_t case_count = 0, control_count = 0;  // case/control traits
    std::vector<std::string> covariates;            // as fitted (categorical columns expanded)
    std::string method;                             // the test, its corrections and conditioning, in words
};

// One row of a variant's results in a model with several terms: its name (the TEST column) and degrees of freedom,
// more than 1 for a joint test.
struct ResultTerm {
    std::string name;
    unsigned df = 1;
};

struct ResultFileSpec {
    std::string out_prefix;
    std::string trait;
    ResultFormat format = ResultFormat::tsv;
    bool binary = false;  // case/control columns
    // AssocResult::t follows Student's t (the linear t test), not a standard normal: the TSV names it T_STAT, not
    // Z_STAT, and regenie's CHISQ is then the 1-df chi-square value of P rather than t^2.
    bool t_distribution = false;
    bool info = false;    // an INFO column (imputation quality), for genotypes with dosages
    const char* model_test = "ADD";  // `regenie`'s TEST column: the genetic model (ADD, DOM or REC)
    bool index = true;  // build a tabix index (needs rows sorted by chromosome and position)
    bool gzip = false;  // `regenie`: gzip the file (the other layouts are always compressed)
    TraitAnalysis analysis;  // for the metadata of `ssf`
    std::vector<ResultTerm> terms;  // rows per variant; empty: the one additive row (TEST ADD)
};

class AssocWriter {
public:
    virtual ~AssocWriter() = default;
    // `term` indexes ResultFileSpec::terms (0 without terms).
    virtual void write(const Variant& variant, const AssocResult& result, std::size_t term) = 0;
    // Flushes, closes and indexes; errors here (disk full) are thrown.
    virtual void finish() = 0;
    virtual std::string final_path() const = 0;
    // Where the file is written until the run commits (complete and readable after finish()).
    virtual std::string temporary_path() const = 0;
};

std::unique_ptr<AssocWriter> make_assoc_writer(const ResultFileSpec& spec, OutputSet& outputs);

// Six significant digits, as PLINK prints.
std::string format_number(double value);

}  // namespace ridgeway
