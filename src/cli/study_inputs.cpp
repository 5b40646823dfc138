#include "cli/study_inputs.hpp"

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/plink1/bed_source.hpp"
#include "qc/selection.hpp"

namespace ridgeway {

std::vector<SampleId> StudyInputs::cohort_ids() const {
    std::vector<SampleId> ids;
    for (std::size_t s : cohort.sample_indices) ids.push_back(genotypes->samples()[s]);
    return ids;
}

StudyInputs load_study(const ParsedOptions& options, RunLog& log) {
    SelectionSpec selection{options.text("--keep"), options.text("--remove"), options.text("--extract"),
                            options.text("--exclude"), options.text("--chr"), options.number("--mind", 1.0, 0.0, 1.0)};
    CohortSpec cohort_spec{options.required_text("--pheno"), options.text("--pheno-name"), options.text("--covar"),
                           options.text("--covar-name"), !options.flag("--no-input-missing-phenotype"), false, {}};
    cohort_spec.binary = options.flag("--bt");
    if (options.flag("--1") && options.flag("--cc12")) throw Error(ErrorKind::usage, "--1 and --cc12 exclude each other");
    if (!cohort_spec.binary && (options.flag("--1") || options.flag("--cc12") || options.has("--min-case-count")))
        throw Error(ErrorKind::usage, "--1, --cc12 and --min-case-count apply to case/control traits; add --bt");
    cohort_spec.coding.zero_one = options.flag("--1");
    cohort_spec.coding.min_count = static_cast<std::size_t>(options.integer("--min-case-count", 10, 1, 1LL << 40));
    StudyInputs inputs;
    inputs.genotypes = std::make_unique<BedSource>(options.required_text("--bfile"));
    log.info("Genotypes: " + inputs.genotypes->describe());
    std::vector<bool> selected = select_samples(inputs.genotypes->samples(), selection, log);
    inputs.variants = select_variants(inputs.genotypes->variants(), selection, log);
    if (options.has("--mind")) apply_mind(*inputs.genotypes, inputs.variants, selection.mind, selected, log);
    inputs.cohort = build_cohort(inputs.genotypes->samples(), selected, cohort_spec, log);
    return inputs;
}

}  // namespace ridgeway
