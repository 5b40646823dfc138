// --interaction, --interaction-snp, --interaction-prs, --no-robust and --test genotypic: models with several rows per variant, and the
// modes they cannot be combined with.
#include "assoc/step2.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"

namespace ridgeway {

void read_multicol_options(const ParsedOptions& options, AssocSettings& settings) {
    MulticolSettings& model = settings.multicol;
    const std::string test = options.text("--test", "additive");  // a known name: assoc_settings parsed it
    const bool prs = options.flag("--interaction-prs");
    const int interactions = options.has("--interaction") + options.has("--interaction-snp") + prs;
    if (interactions > 1)
        throw Error(ErrorKind::usage, "--interaction, --interaction-snp and --interaction-prs exclude each other: test "
                                      "one interaction at a time");
    const bool interaction = interactions == 1;
    if (interaction && test != "additive")
        throw Error(ErrorKind::usage, "--test " + test + " and --interaction/--interaction-snp/--interaction-prs "
                                      "exclude each other: interaction tests take the additive genotype");
    if (prs && !options.has("--pred"))
        throw Error(ErrorKind::usage, "--interaction-prs interacts with the trait's whole-genome step-1 prediction: add "
                                      "--pred (<out>_prs.list of step 1 --print-prs with --use-prs, or its "
                                      "<out>_pred.list)");
    model.model = interaction ? MulticolModel::interaction
                  : test == "genotypic" ? MulticolModel::genotypic
                                        : MulticolModel::none;
    model.covariate = options.text("--interaction");
    model.variant = options.text("--interaction-snp");
    model.prs = prs;
    model.robust = !options.flag("--no-robust");
    const bool binary = options.flag("--bt");
    if (!model.active()) {
        if (!model.robust)
            throw Error(ErrorKind::usage, "--no-robust applies to --interaction, --interaction-snp and --test genotypic");
        return;
    }
    const char* which = interaction ? "--interaction" : "--test genotypic";
    if (binary && !model.robust)
        throw Error(ErrorKind::usage, "--no-robust applies to quantitative traits (case/control models use the "
                                      "logistic fit's standard errors)");
    if (settings.case_control.correction == Correction::spa)
        throw Error(ErrorKind::usage, std::string(which) + " has several terms per variant; --spa corrects a single "
                                                           "score statistic: use --firth");
    if (settings.case_control.approximate_firth)
        throw Error(ErrorKind::usage, std::string(which) + " fits every term with the covariates; --approx (the "
                                                           "variant's effect alone) does not apply: drop it");
    if (settings.format == ResultFormat::ssf)
        throw Error(ErrorKind::usage, std::string(which) + " writes several rows per variant, which GWAS-SSF (one "
                                                           "effect per variant) cannot hold: use --format tsv or regenie");
}

}  // namespace ridgeway
