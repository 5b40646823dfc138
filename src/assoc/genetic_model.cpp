#include "assoc/genetic_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "samples/cohort.hpp"
#include "sexchrom/sex_chromosomes.hpp"

namespace ridgeway {

GeneticModel parse_genetic_model(const std::string& name) {
    if (name == "additive") return GeneticModel::additive;
    if (name == "dominant") return GeneticModel::dominant;
    if (name == "recessive") return GeneticModel::recessive;
    if (name == "genotypic") return GeneticModel::genotypic;
    throw Error(ErrorKind::usage, "--test " + name + ": expected additive, dominant, recessive or genotypic");
}

const char* genetic_model_name(GeneticModel model) {
    switch (model) {
        case GeneticModel::dominant: return "dominant";
        case GeneticModel::recessive: return "recessive";
        case GeneticModel::genotypic: return "genotypic";
        default: return "additive";
    }
}

const char* genetic_model_test(GeneticModel model) {
    switch (model) {
        case GeneticModel::dominant: return "DOM";
        case GeneticModel::recessive: return "REC";
        case GeneticModel::genotypic: return "GENO_2DF";
        default: return "ADD";
    }
}

std::string describe_genetic_model(GeneticModel model) {
    switch (model) {
        case GeneticModel::dominant: return "dominant model (calls 0/1/1, dosages d as min(d, 1))";
        case GeneticModel::recessive: return "recessive model (calls 0/0/1, dosages d as max(d - 1, 0))";
        default: return fmt::format("{} model", genetic_model_name(model));
    }
}

void recode_block(GenotypeBlock& block, GeneticModel model) {
    if (model != GeneticModel::dominant && model != GeneticModel::recessive) return;
    const bool dominant = model == GeneticModel::dominant;
    // Calls 0/1/2 become 0/1/1 or 0/0/1 (missing, -1, stays -1); a table avoids a branch per call.
    const std::int8_t dominant_codes[4] = {kMissingCall, 0, 1, 1}, recessive_codes[4] = {kMissingCall, 0, 0, 1};
    const std::int8_t* codes = dominant ? dominant_codes : recessive_codes;
    for (std::int8_t& call : block.calls) call = codes[call + 1];
    // Dosages: min(d, 1) and max(d - 1, 0), NaN staying NaN; their rounding gives the calls just recoded.
    if (dominant)
        for (float& d : block.dosages) d = std::isnan(d) ? d : std::min(d, 1.0f);
    else
        for (float& d : block.dosages) d = std::isnan(d) ? d : std::max(d - 1.0f, 0.0f);
}

void drop_haploid_variants(GeneticModel model, const SexChromosomes& rules, const Cohort& cohort,
                           std::vector<std::size_t>& variants, RunLog& log) {
    if (model == GeneticModel::additive) return;
    bool males = false;
    for (std::size_t i = 0; i < cohort.sexes.size() && !males; ++i) {
        if (cohort.sexes[i] != Sex::male) continue;
        for (std::size_t t = 0; t < cohort.traits.cols() && !males; ++t) males = !std::isnan(cohort.traits(i, t));
    }
    if (!males) return;
    const std::size_t before = variants.size();
    std::erase_if(variants, [&](std::size_t v) { return rules.variant_class(v) == ChromosomeClass::x_nonpar; });
    if (variants.size() == before) return;
    const std::string why = fmt::format("--test {}: {} non-PAR chromosome X variants left out (males carry one copy "
                                        "there and the model needs two, as in plink2 --glm; --sex-specific female "
                                        "tests them)",
                                        genetic_model_name(model), before - variants.size());
    if (variants.empty()) throw Error(ErrorKind::inconsistent, why + ", and no other variant is selected");
    log.info(why);
}

}  // namespace ridgeway
