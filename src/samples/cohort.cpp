#include "samples/cohort.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "core/text_reader.hpp"
#include "io/tables/sample_table.hpp"
#include "samples/sample_matcher.hpp"

namespace ridgeway {

namespace {

constexpr auto npos = static_cast<std::size_t>(-1);
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

bool is_missing_token(const std::string& token, bool minus9_is_missing) {
    return token == "NA" || token == "na" || token == "NaN" || token == "nan" || token == "." ||
           (minus9_is_missing && token == "-9");
}

std::string cell_position(const SampleTable& table, std::size_t row, std::size_t column) {
    return fmt::format("{}, line {}, column {}", table.path, table.line_numbers[row], table.columns[column]);
}

bool column_is_numeric(const SampleTable& table, std::size_t column, bool minus9_is_missing) {
    for (const auto& row : table.cells) {
        const std::string& token = row[column];
        if (!is_missing_token(token, minus9_is_missing) && !parse_double(token)) return false;
    }
    return true;
}

struct CovariateColumns {
    std::vector<std::string> names;
    std::vector<std::vector<double>> values;  // per covariate, per genotype sample
};

// The first cell of a column that is not a number (nor a missing value): "'abc' on line 7".
std::string first_non_number(const SampleTable& table, std::size_t column, bool minus9_is_missing) {
    for (std::size_t row = 0; row < table.cells.size(); ++row) {
        const std::string& token = table.cells[row][column];
        if (!is_missing_token(token, minus9_is_missing) && !parse_double(token))
            return fmt::format("'{}' on line {}", token, table.line_numbers[row]);
    }
    return "";
}

// A categorical column becomes one indicator per level but the first (levels in sorted order). More levels than
// spec.max_categories is an error (an ID or free-text column taken for a covariate).
void add_categorical(const SampleTable& table, std::size_t column, const std::vector<std::size_t>& row_of,
                     const CohortSpec& spec, CovariateColumns& out, RunLog& log) {
    const bool minus9_is_missing = spec.minus9_is_missing;
    std::set<std::string> levels;
    for (const auto& row : table.cells)
        if (!is_missing_token(row[column], minus9_is_missing)) levels.insert(row[column]);
    const std::string& name = table.columns[column];
    if (levels.size() > spec.max_categories) {
        const std::string text = first_non_number(table, column, minus9_is_missing);
        // A level for most rows is what an ID column, or free text, looks like.
        const bool id_like = 2 * levels.size() > table.cells.size();
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: covariate {} is categorical with {} levels, more than --max-cat-levels {}{}: {}",
                                table.path, name, levels.size(), spec.max_categories, id_like ? " (an ID column?)" : "",
                                text.empty() ? "fit it as a number by leaving it out of --cat-covar-name, leave it out "
                                               "of the covariates, or raise --max-cat-levels"
                                             : "leave it out of the covariates (--covar-name) or raise --max-cat-levels; "
                                               "it is categorical because not all its values are numbers (" + text + ")"));
    }
    std::vector<std::string> ordered(levels.begin(), levels.end());
    log.info(fmt::format("Covariate {} is categorical with {} levels ({}); reference level {}", name, ordered.size(),
                         fmt::join(ordered, ", "), ordered.empty() ? "none" : ordered[0]));
    for (std::size_t level = 1; level < ordered.size(); ++level) {
        std::vector<double> indicator(row_of.size(), kMissing);
        for (std::size_t s = 0; s < row_of.size(); ++s) {
            if (row_of[s] == npos) continue;
            const std::string& token = table.cells[row_of[s]][column];
            if (!is_missing_token(token, minus9_is_missing)) indicator[s] = token == ordered[level] ? 1.0 : 0.0;
        }
        out.names.push_back(name + "=" + ordered[level]);
        out.values.push_back(std::move(indicator));
    }
}

// The covariate columns of `table`: --covar-name's (every column of a --covar file when it is empty), then the
// --cat-covar-name columns not among them; `categorical` says which were declared categorical.
std::vector<std::size_t> covariate_columns(const SampleTable& table, const CohortSpec& spec, bool from_pheno,
                                           std::vector<bool>& categorical) {
    std::vector<std::size_t> columns;
    if (!spec.covar_names.empty() || !from_pheno) columns = select_columns(table, spec.covar_names, "--covar-name");
    categorical.assign(table.columns.size(), false);
    if (spec.categorical_names.empty()) return columns;
    for (std::size_t column : select_columns(table, spec.categorical_names, "--cat-covar-name")) {
        categorical[column] = true;
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    }
    return columns;
}

// The covariates from --covar, or, without it, from the trait table `pheno` (as PLINK 2 reads them).
CovariateColumns read_covariates(const CohortSpec& spec, const SampleTable& pheno,
                                 const std::vector<std::size_t>& pheno_row, const SampleMatcher& matcher, RunLog& log) {
    CovariateColumns out;
    const bool from_pheno = spec.covar_file.empty();
    if (from_pheno && spec.covar_names.empty() && spec.categorical_names.empty()) return out;
    SampleTable covar_table;
    std::vector<std::size_t> covar_row;
    if (!from_pheno) {
        covar_table = read_sample_table(spec.covar_file);
        covar_row = matcher.match(covar_table, log);
    }
    const SampleTable& table = from_pheno ? pheno : covar_table;
    const std::vector<std::size_t>& row_of = from_pheno ? pheno_row : covar_row;
    std::vector<bool> categorical;
    for (std::size_t column : covariate_columns(table, spec, from_pheno, categorical)) {
        if (!categorical[column] && column_is_numeric(table, column, spec.minus9_is_missing)) {
            out.names.push_back(table.columns[column]);
            out.values.push_back(numeric_column(table, column, row_of, spec.minus9_is_missing));
        } else {
            add_categorical(table, column, row_of, spec, out, log);
        }
    }
    return out;
}

// The trait columns: --pheno-name's, or every column but the covariates read from the same table.
std::vector<std::size_t> trait_columns_of(const SampleTable& pheno, const CohortSpec& spec, RunLog& log) {
    std::vector<std::size_t> traits = select_columns(pheno, spec.pheno_names, "--pheno-name");
    if (!spec.covar_file.empty() || (spec.covar_names.empty() && spec.categorical_names.empty())) return traits;
    std::vector<bool> categorical;
    const std::vector<std::size_t> covariates = covariate_columns(pheno, spec, true, categorical);
    std::vector<std::string> names;
    for (std::size_t column : covariates) names.push_back(pheno.columns[column]);
    log.info(fmt::format("No --covar: the covariates {} are read from the --pheno file {}, as PLINK 2 does",
                         fmt::join(names, ","), pheno.path));
    for (std::size_t column : covariates) {
        if (std::find(traits.begin(), traits.end(), column) == traits.end()) continue;
        if (!spec.pheno_names.empty())
            throw Error(ErrorKind::inconsistent, fmt::format("{}: column {} is both a trait (--pheno-name) and a covariate "
                                                             "(--covar-name/--cat-covar-name)", pheno.path, pheno.columns[column]));
        std::erase(traits, column);
    }
    return traits;
}

void warn_if_case_control(const std::string& name, const std::vector<double>& values, RunLog& log) {
    bool only_1_2 = true, any = false;
    for (double v : values) {
        if (std::isnan(v)) continue;
        any = true;
        only_1_2 &= (v == 1.0 || v == 2.0);
    }
    if (any && only_1_2)
        log.warn("trait " + name + " holds only the values 1 and 2 (case/control?); it is analysed as quantitative with a linear model (--bt analyses case/control traits)");
}

// A quantitative trait with at most two distinct values among the analysed samples is likely a case/control trait
// read without --bt: a warning says so (regenie stops there), unless --force-qt asks for a linear model.
void check_distinct_values(const std::string& name, const Matrix& traits, std::size_t t, FewValuedTraits rule,
                           RunLog& log) {
    std::set<double> distinct;
    for (std::size_t i = 0; i < traits.rows() && distinct.size() <= 2; ++i)
        if (!std::isnan(traits(i, t))) distinct.insert(traits(i, t));
    if (distinct.size() > 2) return;
    if (rule == FewValuedTraits::accept)
        return log.info(fmt::format("Trait {}: {} distinct values ({}), analysed as quantitative as --force-qt asks",
                                    name, distinct.size(), fmt::join(distinct, ", ")));
    log.warn(fmt::format("trait {} has {} distinct value{} ({}) among its analysed samples and is analysed as "
                         "quantitative: a case/control trait needs --bt (with --1 for 0/1 coding); --force-qt "
                         "confirms a linear model and silences this warning",
                         name, distinct.size(), distinct.size() == 1 ? "" : "s", fmt::join(distinct, ", ")));
}

// --strict: the selected samples missing a value of any trait leave `selected`; returns how many.
std::size_t drop_incomplete(const std::vector<std::vector<double>>& trait_values, std::vector<bool>& selected) {
    std::size_t dropped = 0;
    for (std::size_t s = 0; s < selected.size(); ++s) {
        if (!selected[s]) continue;
        const bool complete = std::none_of(trait_values.begin(), trait_values.end(),
                                           [&](const auto& values) { return std::isnan(values[s]); });
        if (!complete) selected[s] = false, ++dropped;
    }
    return dropped;
}

}  // namespace

std::vector<double> numeric_column(const SampleTable& table, std::size_t column, const std::vector<std::size_t>& row_of,
                                   bool minus9_is_missing) {
    std::vector<double> values(row_of.size(), kMissing);
    for (std::size_t s = 0; s < row_of.size(); ++s) {
        if (row_of[s] == npos) continue;
        const std::string& token = table.cells[row_of[s]][column];
        if (is_missing_token(token, minus9_is_missing)) continue;
        auto value = parse_double(token);
        if (!value)
            throw Error(ErrorKind::malformed, fmt::format("{}: '{}' is not a number (missing values are written NA)",
                                                          cell_position(table, row_of[s], column), token));
        values[s] = *value;
    }
    return values;
}

Cohort build_cohort(const SampleMatcher& matcher, const std::vector<bool>& selected_samples, const CohortSpec& spec,
                    RunLog& log) {
    const auto& samples = matcher.samples();
    SampleTable pheno = read_sample_table(spec.pheno_file);
    auto pheno_row = matcher.match(pheno, log);
    auto trait_columns = trait_columns_of(pheno, spec, log);
    if (trait_columns.empty()) throw Error(ErrorKind::inconsistent, spec.pheno_file + ": the file has no trait columns");
    std::vector<std::vector<double>> column_values;
    std::vector<bool> zero_one_hints;
    for (std::size_t column : trait_columns) {
        auto values = numeric_column(pheno, column, pheno_row, spec.minus9_is_missing);
        zero_one_hints.push_back(spec.binary && !spec.coding.zero_one && looks_zero_one_coded(values));
        if (spec.binary) recode_case_control(values, pheno, column, pheno_row, spec.coding);
        column_values.push_back(std::move(values));
    }
    std::vector<bool> selected = selected_samples;
    std::size_t incomplete = 0;
    if (spec.strict) {
        incomplete = drop_incomplete(column_values, selected);
        log.info(fmt::format("--strict: {} samples missing a value of some trait left out of every trait", incomplete));
    }
    std::vector<std::vector<double>> trait_values;
    std::vector<std::size_t> kept_columns;
    std::vector<std::string> skipped;
    for (std::size_t k = 0; k < trait_columns.size(); ++k) {
        const std::size_t column = trait_columns[k];
        auto& values = column_values[k];
        if (spec.binary) {
            for (std::size_t s = 0; s < samples.size(); ++s)
                if (!selected[s]) values[s] = NAN;
            const auto counts = count_cases(values.data(), values.size());
            log.info(fmt::format("Trait {}: {} cases, {} controls", pheno.columns[column], counts.cases, counts.controls));
            if (std::min(counts.cases, counts.controls) < spec.coding.min_count) {
                skipped.push_back(fmt::format("{} has {} cases and {} controls, fewer than --min-case-count {}{}",
                                              pheno.columns[column], counts.cases, counts.controls,
                                              spec.coding.min_count,
                                              zero_one_hints[k] ? ", and its values are all 0 or 1: they look 0/1-coded, "
                                                                  "which --1 reads as 0 = control, 1 = case instead of "
                                                                  "the default 1 = control, 2 = case, 0 = missing"
                                                                : ""));
                continue;
            }
        }
        kept_columns.push_back(column);
        trait_values.push_back(std::move(values));
    }
    trait_columns = kept_columns;
    if (trait_columns.empty())
        throw Error(ErrorKind::inconsistent, fmt::format("{}: every trait was skipped for too few cases or controls ({})",
                                                         spec.pheno_file, fmt::join(skipped, "; ")));
    for (const auto& reason : skipped) log.warn("trait skipped: " + reason);
    CovariateColumns covariates = read_covariates(spec, pheno, pheno_row, matcher, log);

    Cohort cohort;
    cohort.binary = spec.binary;
    std::size_t without_trait = 0, without_covariates = 0;
    for (std::size_t s = 0; s < samples.size(); ++s) {
        if (!selected[s]) continue;
        bool has_trait = std::any_of(trait_values.begin(), trait_values.end(), [&](const auto& t) { return !std::isnan(t[s]); });
        bool complete = std::all_of(covariates.values.begin(), covariates.values.end(),
                                    [&](const auto& c) { return !std::isnan(c[s]); });
        if (!has_trait) ++without_trait;
        else if (!complete) ++without_covariates;
        else cohort.sample_indices.push_back(s);
    }
    std::size_t n = cohort.sample_indices.size();
    log.info(fmt::format("{} samples analysed ({} without any trait value, {} with a missing covariate{})", n, without_trait,
                         without_covariates, spec.strict ? fmt::format(", {} missing some trait (--strict)", incomplete) : ""));
    if (n == 0)
        throw Error(ErrorKind::inconsistent, spec.strict ? "no sample has every trait's value (--strict) and complete covariates"
                                                         : "no sample has both a trait value and complete covariates");

    for (std::size_t t = 0; t < trait_columns.size(); ++t) cohort.trait_names.push_back(pheno.columns[trait_columns[t]]);
    cohort.traits = Matrix(n, trait_columns.size());
    for (std::size_t t = 0; t < trait_columns.size(); ++t) {
        std::size_t observed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            cohort.traits(i, t) = trait_values[t][cohort.sample_indices[i]];
            observed += !std::isnan(cohort.traits(i, t));
        }
        log.info(fmt::format("Trait {}: {} samples with a value", cohort.trait_names[t], observed));
        if (spec.binary) continue;
        if (spec.few_values == FewValuedTraits::warn) warn_if_case_control(cohort.trait_names[t], trait_values[t], log);
        else check_distinct_values(cohort.trait_names[t], cohort.traits, t, spec.few_values, log);
    }
    cohort.covariate_names = covariates.names;
    cohort.covariates = Matrix(n, covariates.names.size());
    for (std::size_t c = 0; c < covariates.names.size(); ++c)
        for (std::size_t i = 0; i < n; ++i) cohort.covariates(i, c) = covariates.values[c][cohort.sample_indices[i]];
    if (!covariates.names.empty()) log.info(fmt::format("Covariates: {}", fmt::join(covariates.names, " ")));
    return cohort;
}

}  // namespace ridgeway
