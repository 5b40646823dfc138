#include <fmt/format.h>

#include "assoc/linear_assoc.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/plink1/bed_source.hpp"
#include "qc/selection.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

namespace {

ResultFormat result_format(const ParsedOptions& options) {
    std::string format = options.text("--format", "tsv");
    if (format == "tsv") return ResultFormat::tsv;
    if (format == "regenie") return ResultFormat::regenie;
    throw Error(ErrorKind::usage, "--format " + format + ": expected tsv or regenie");
}

}  // namespace

void run_assoc_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    AssocSettings settings;
    settings.out_prefix = options.required_text("--out");
    settings.format = result_format(options);
    settings.threads = thread_count(options);
    settings.filters.maf = options.number("--maf", 0.0, 0.0, 0.5);
    settings.filters.mac = options.number("--mac", 0.0, 0.0, 1e12);
    settings.filters.geno = options.number("--geno", 1.0, 0.0, 1.0);
    settings.filters.max_vif = options.number("--vif", 50.0, 1.0, 1e300);
    SelectionSpec selection{options.text("--keep"), options.text("--remove"), options.text("--extract"),
                            options.text("--exclude"), options.text("--chr"), options.number("--mind", 1.0, 0.0, 1.0)};
    CohortSpec cohort_spec{options.required_text("--pheno"), options.text("--pheno-name"), options.text("--covar"),
                           options.text("--covar-name"), !options.flag("--no-input-missing-phenotype")};

    BedSource genotypes(options.required_text("--bfile"));
    log.info("Genotypes: " + genotypes.describe());
    std::vector<bool> selected = select_samples(genotypes.samples(), selection, log);
    std::vector<std::size_t> variants = select_variants(genotypes.variants(), selection, log);
    if (options.has("--mind")) apply_mind(genotypes, variants, selection.mind, selected, log);
    Cohort cohort = build_cohort(genotypes.samples(), selected, cohort_spec, log);
    log.info(fmt::format("Testing {} variants x {} traits with {} threads", variants.size(), cohort.trait_names.size(),
                         settings.threads));
    run_linear_assoc(genotypes, cohort, variants, settings, outputs, log);
}

}  // namespace ridgeway
