#pragma once
// One association result file as the plots and the report need it: chromosome, position and -log10 p of every
// variant with a p-value, and the IDs of the notable ones. Reads ridgeway's result files, regenie's .regenie and
// PLINK 2's .glm.* files, plain or gzip/bgzip-compressed, recognised by their header.
#include <cstdint>
#include <string>
#include <vector>

namespace ridgeway {

struct ResultTable {
    std::string path;
    std::string trait;
    std::vector<std::string> chromosome_names;  // in genome order (by PLINK chromosome code, then by name)
    std::vector<std::uint8_t> chromosome;       // per variant: index into chromosome_names
    std::vector<std::uint32_t> position;
    std::vector<float> minus_log10_p;
    // IDs of variants with p below kNotableP, by row.
    std::vector<std::pair<std::size_t, std::string>> notable_ids;
    std::size_t without_p = 0;  // rows with NA (an error code) instead of a p-value
    // Rows whose p-value comes from a correction applied to variants below a p threshold (Firth or SPA, named in the
    // TEST column of ridgeway's case/control results or in the EXTRA column of its regenie layout); empty when no
    // row is corrected.
    std::vector<bool> corrected;
    std::string correction;  // the corrections named, "FIRTH", "SPA" or "FIRTH/SPA"; empty without any

    std::size_t size() const { return minus_log10_p.size(); }
    bool is_corrected(std::size_t row) const { return row < corrected.size() && corrected[row]; }
};

inline constexpr double kNotableMinusLog10P = 5.0;  // 1e-5, the suggestive line

// Memory a row costs from reading to drawing: the table and the copies lambda_GC and the QQ plot sort.
inline constexpr std::size_t kBytesPerResultRow = 21;

// `trait` may be empty: then it comes from the file name (<out>.<TRAIT>.linear.tsv.gz, <out>_<TRAIT>.regenie,
// <out>.<TRAIT>.glm.logistic, ...). Malformed rows are errors naming the file and line. More than `max_rows` rows
// with a p-value is an out-of-resources error (the --memory budget).
ResultTable read_result_table(const std::string& path, const std::string& trait = "",
                              std::size_t max_rows = static_cast<std::size_t>(-1));

}  // namespace ridgeway
