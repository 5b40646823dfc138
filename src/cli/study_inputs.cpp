#include "cli/study_inputs.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/bgen/bgen_source.hpp"
#include "io/pgen/pgen_source.hpp"
#include "io/plink1/bed_source.hpp"
#include "io/vcf/vcf_source.hpp"
#include "qc/selection.hpp"
#include "samples/rank_normal.hpp"
#include "samples/sample_matcher.hpp"
#include "sexchrom/study_sexes.hpp"
#include "sexchrom/x_coded_source.hpp"

namespace ridgeway {

std::vector<SampleId> StudyInputs::cohort_ids() const {
    std::vector<SampleId> ids;
    for (std::size_t s : cohort.sample_indices) ids.push_back(genotypes->samples()[s]);
    return ids;
}

std::unique_ptr<GenotypeSource> open_genotypes(const ParsedOptions& options, const GenomicRegions& regions) {
    const int given = options.has("--bfile") + options.has("--pfile") + options.has("--vcf") + options.has("--bcf") +
                      options.has("--bgen");
    if (given != 1)
        throw Error(ErrorKind::usage, "give the genotypes with exactly one of --bfile, --pfile, --vcf, --bcf, --bgen");
    const bool vcf = options.has("--vcf") || options.has("--bcf");
    if (!vcf && (options.has("--dosage") || options.has("--id-delim")))
        throw Error(ErrorKind::usage, "--dosage and --id-delim apply to --vcf and --bcf");
    if (!options.has("--bgen") && (options.has("--sample") || options.has("--bgi") || options.flag("--ref-first")))
        throw Error(ErrorKind::usage, "--sample, --bgi and --ref-first apply to --bgen");
    if (!options.has("--pfile") && !vcf && options.has("--multiallelic"))
        throw Error(ErrorKind::usage, "--multiallelic applies to --pfile, --vcf and --bcf");
    const Multiallelic multiallelic = parse_multiallelic(options.text("--multiallelic", "skip"));
    if (vcf) {
        const std::string delimiter = options.text("--id-delim");
        if (delimiter.size() > 1) throw Error(ErrorKind::usage, "--id-delim takes a single character");
        return std::make_unique<VcfSource>(VcfSettings{options.has("--vcf") ? options.text("--vcf") : options.text("--bcf"),
                                                       options.has("--dosage") ? parse_vcf_field(options.text("--dosage"))
                                                                               : VcfField::automatic,
                                                       delimiter.empty() ? '\0' : delimiter[0],
                                                       static_cast<std::size_t>(options.integer("--memory", 0, 1, 1LL << 40)),
                                                       regions, multiallelic});
    }
    if (options.has("--pfile"))
        return std::make_unique<PgenSource>(options.text("--pfile"), multiallelic);
    if (options.has("--bgen"))
        return std::make_unique<BgenSource>(options.text("--bgen"), options.text("--sample"), options.flag("--ref-first"),
                                            regions, options.text("--bgi"));
    return std::make_unique<BedSource>(options.required_text("--bfile"));
}

CohortSpec cohort_spec(const ParsedOptions& options) {
    CohortSpec spec;
    spec.pheno_file = options.text("--pheno");
    spec.pheno_names = options.text("--pheno-name");
    spec.covar_file = options.text("--covar");
    spec.covar_names = options.text("--covar-name");
    spec.categorical_names = options.text("--cat-covar-name");
    spec.max_categories = static_cast<std::size_t>(options.integer("--max-cat-levels", 10, 2, 1LL << 40));
    spec.minus9_is_missing = !options.flag("--no-input-missing-phenotype");
    return spec;
}

namespace {

Sex sex_specific(const ParsedOptions& options) {
    const std::string value = options.text("--sex-specific");
    if (value == "male") return Sex::male;
    if (value == "female") return Sex::female;
    throw Error(ErrorKind::usage, "--sex-specific takes male or female, not '" + value + "'");
}

}  // namespace

StudyInputs load_study(const ParsedOptions& options, RunLog& log) {
    SelectionSpec selection{options.text("--keep"), options.text("--remove"), options.text("--extract"),
                            options.text("--exclude"),
                            GenomicRegions::requested(options.text("--chr"), options.text("--range")),
                            options.number("--mind", 1.0, 0.0, 1.0)};
    options.required_text("--pheno");
    CohortSpec spec = cohort_spec(options);
    spec.binary = options.flag("--bt");
    if (spec.binary && options.flag("--qt")) throw Error(ErrorKind::usage, "--bt and --qt exclude each other");
    if (spec.binary && options.flag("--force-qt"))
        throw Error(ErrorKind::usage, "--force-qt analyses few-valued traits as quantitative; it excludes --bt");
    spec.few_values = options.flag("--force-qt") ? FewValuedTraits::accept : FewValuedTraits::suggest_bt;
    spec.strict = options.flag("--strict");
    if (options.flag("--1") && options.flag("--cc12")) throw Error(ErrorKind::usage, "--1 and --cc12 exclude each other");
    if (!spec.binary && (options.flag("--1") || options.flag("--cc12") || options.has("--min-case-count")))
        throw Error(ErrorKind::usage, "--1, --cc12 and --min-case-count apply to case/control traits; add --bt");
    if (spec.binary && options.flag("--apply-rint"))
        throw Error(ErrorKind::usage, "--apply-rint transforms quantitative traits; not with --bt");
    spec.coding.zero_one = options.flag("--1");
    spec.coding.min_count = static_cast<std::size_t>(options.integer("--min-case-count", 10, 1, 1LL << 40));
    if (options.has("--step"))
        log.info(fmt::format("--step {}: ridgeway {} with regenie's defaults for the options not given: {}", options.text("--step"),
                             options.command(),
                             options.command() == "assoc" ? "--format regenie, --mac 5, --1 with --bt (0/1-coded traits)"
                                                          : "--1 with --bt (0/1-coded traits)"));
    StudyInputs inputs;
    inputs.genotypes = open_genotypes(options, selection.regions);
    log.info("Genotypes: " + inputs.genotypes->describe());
    const SampleMatcher matcher(*inputs.genotypes);
    std::vector<bool> selected = select_samples(matcher, selection, log);
    inputs.variants = select_variants(inputs.genotypes->variants(), selection, log);
    const SampleSexes sexes = sample_sexes(*inputs.genotypes, matcher, spec.covar_file.empty() ? spec.pheno_file
                                                                                               : spec.covar_file,
                                           options.text("--sex-col"), log);
    if (options.has("--sex-specific")) keep_one_sex(sex_specific(options), sexes, selected, log);
    auto rules = std::make_shared<SexChromosomes>(
        inputs.genotypes->variants(), sexes.sexes,
        SexChromosomeSettings{static_cast<int>(options.integer("--xchr-model", 2, 0, 2)),
                              parse_par_regions(options.text("--par-region", "hg38"))});
    drop_untested_chromosomes(*rules, inputs.variants, log);
    if (options.has("--mind")) apply_mind(*inputs.genotypes, inputs.variants, selection.mind, selected, log);
    inputs.cohort = build_cohort(matcher, selected, spec, log);
    if (options.flag("--apply-rint")) apply_rint(inputs.cohort, log);
    if (!sexes.sexes.empty())
        for (std::size_t s : inputs.cohort.sample_indices) inputs.cohort.sexes.push_back(sexes.sexes[s]);
    check_x_calls(*inputs.genotypes, *rules, inputs.variants, inputs.cohort.sample_indices, log);
    inputs.genotypes = std::make_unique<XCodedSource>(std::move(inputs.genotypes), rules);
    inputs.sex_chromosomes = std::move(rules);
    return inputs;
}

}  // namespace ridgeway
