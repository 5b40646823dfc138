#include "multicol/interaction_inputs.hpp"

#include <array>

#include <fmt/format.h>

#include "assoc/variant_filters.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

namespace {

void resolve_covariate(MulticolSettings& settings, const Cohort& cohort, RunLog& log) {
    const std::string& name = settings.covariate;
    for (std::size_t c = 0; c < cohort.covariate_names.size(); ++c) {
        const std::string& column = cohort.covariate_names[c];
        if (column == name || column.starts_with(name + "=")) {
            settings.factor_columns.push_back(c);
            settings.factor_names.push_back(column);
        }
    }
    if (settings.factor_columns.empty())
        throw Error(ErrorKind::usage,
                    fmt::format("--interaction {}: not a covariate of the analysis (covariates: {}); name it in "
                                "--covar-name or --cat-covar-name too",
                                name, cohort.covariate_names.empty() ? "none" : fmt::format("{}", fmt::join(cohort.covariate_names, ", "))));
    log.info(fmt::format("Interaction with {} ({} column{}: {})", name, settings.factor_columns.size(),
                         settings.factor_columns.size() == 1 ? "" : "s", fmt::join(settings.factor_names, ", ")));
}

void resolve_variant(MulticolSettings& settings, const GenotypeSource& genotypes, const Cohort& cohort, RunLog& log) {
    const std::string& id = settings.variant;
    std::size_t found = 0, index = 0;
    for (std::size_t v = 0; v < genotypes.variants().size(); ++v)
        if (genotypes.variants()[v].id == id) ++found, index = v;
    if (found != 1)
        throw Error(ErrorKind::usage, found == 0 ? fmt::format("--interaction-snp {}: no variant with this ID in {}", id,
                                                               genotypes.describe())
                                                 : fmt::format("--interaction-snp {}: {} variants have this ID in {}; "
                                                               "the interacting variant must be unique", id, found,
                                                               genotypes.describe()));
    GenotypeBlock block;
    const std::array<std::size_t, 1> one{index};
    genotypes.read(one, cohort.sample_indices, block);
    GenotypeSums sums;
    settings.partner.assign(cohort.sample_indices.size(), 0.0);
    sum_genotypes(block, 0, sums, settings.partner.data());
    if (!genotypes_vary(static_cast<double>(sums.called), sums.sum, sums.sum_squares))
        throw Error(ErrorKind::inconsistent,
                    fmt::format("--interaction-snp {}: the variant does not vary among the analysed samples", id));
    const double mean = sums.sum / static_cast<double>(sums.called);
    for (std::size_t row : sums.missing) settings.partner[row] = mean;
    settings.factor_names.push_back(id);
    const Variant& variant = genotypes.variants()[index];
    log.info(fmt::format("Interaction with variant {} ({}:{}, {} counted; {} missing calls given the mean {:.4g}), "
                         "also a covariate", id, variant.chrom, variant.pos, variant.allele1, sums.missing.size(), mean));
}

}  // namespace

void resolve_interaction(MulticolSettings& settings, const GenotypeSource& genotypes, const Cohort& cohort,
                         RunLog& log) {
    if (settings.model != MulticolModel::interaction) return;
    if (!settings.covariate.empty()) resolve_covariate(settings, cohort, log);
    else resolve_variant(settings, genotypes, cohort, log);
}

}  // namespace ridgeway
