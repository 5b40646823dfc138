#include "multicol/interaction_inputs.hpp"

#include <array>
#include <cmath>

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

void require_one_prs_trait(const Cohort& cohort) {
    if (cohort.trait_names.size() != 1)
        throw Error(ErrorKind::usage, fmt::format("--interaction-prs tests one trait against its own prediction, and {} "
                                                  "traits are selected: name one with --pheno-name",
                                                  cohort.trait_names.size()));
}

void add_prs_covariate(MulticolSettings& settings, const LocoPredictions& predictions, const std::string& pred,
                       const std::vector<SampleId>& ids, Cohort& cohort, RunLog& log) {
    require_one_prs_trait(cohort);
    const std::string& trait = cohort.trait_names[0];
    for (const std::string& name : cohort.covariate_names)
        if (name == "PRS" || name.starts_with("PRS="))
            throw Error(ErrorKind::usage, "--interaction-prs adds the covariate PRS, and the analysis already has a "
                                          "covariate of that name: rename it");
    const Matrix& values = predictions.values[0];
    const std::size_t n = cohort.covariates.rows(), chromosomes = values.cols();
    if (!predictions.is_whole_genome() && chromosomes < 2)
        throw Error(ErrorKind::inconsistent, fmt::format("--interaction-prs: {} has a single leave-one-chromosome-out row "
                                                         "for {}, from which the whole-genome prediction cannot be "
                                                         "recovered; use step 1's --print-prs files with --use-prs",
                                                         pred, trait));
    Matrix covariates(n, cohort.covariates.cols() + 1);
    std::copy(cohort.covariates.data(), cohort.covariates.data() + n * cohort.covariates.cols(), covariates.data());
    double* prs = covariates.column(cohort.covariates.cols());
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(cohort.traits(i, 0))) continue;  // outside every model: left at 0
        double sum = 0;
        for (std::size_t c = 0; c < chromosomes; ++c) sum += values(i, c);
        if (std::isnan(sum))
            throw Error(ErrorKind::inconsistent, fmt::format("--interaction-prs: {} has no prediction (NA) of {} for sample {} {} "
                                                             "(FID IID), which has a value of it; step 1 and step 2 "
                                                             "must analyse the same samples",
                                                             pred, trait, ids[i].fid, ids[i].iid));
        prs[i] = predictions.is_whole_genome() ? sum : sum / static_cast<double>(chromosomes - 1);
    }
    cohort.covariates = std::move(covariates);
    cohort.covariate_names.push_back("PRS");
    settings.covariate = "PRS";
    settings.factor_columns = {cohort.covariate_names.size() - 1};
    settings.factor_names = {"PRS"};
    log.info(fmt::format("Interaction with PRS, the whole-genome step-1 prediction of {} ({}), also a covariate; the "
                         "tests are not conditioned on the step-1 predictions otherwise",
                         trait, predictions.is_whole_genome()
                                    ? "its .prs row, --use-prs"
                                    : fmt::format("the sum of its {} leave-one-chromosome-out predictions over {}",
                                                  chromosomes, chromosomes - 1)));
}

void resolve_interaction(MulticolSettings& settings, const GenotypeSource& genotypes, const Cohort& cohort,
                         RunLog& log) {
    if (settings.model != MulticolModel::interaction || settings.prs) return;
    if (!settings.covariate.empty()) resolve_covariate(settings, cohort, log);
    else resolve_variant(settings, genotypes, cohort, log);
}

}  // namespace ridgeway
