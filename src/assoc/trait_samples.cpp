#include "assoc/trait_samples.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

namespace {

// Whether cohort row i takes part in trait t's tests.
bool tested(const Cohort& cohort, const LocoPredictions* predictions, std::size_t i, std::size_t t) {
    if (std::isnan(cohort.traits(i, t))) return false;
    if (!predictions) return true;
    const Matrix& values = predictions->values[t];
    for (std::size_t c = 0; c < values.cols(); ++c)
        if (std::isnan(values(i, c))) return false;
    return true;
}

}  // namespace

std::string trait_samples_path(const std::string& out_prefix, const std::string& trait, ResultFormat format) {
    return format == ResultFormat::regenie ? out_prefix + "_" + trait + ".regenie.ids" : out_prefix + "." + trait + ".ids";
}

void write_trait_samples(const GenotypeSource& genotypes, const Cohort& cohort, const AssocSettings& settings,
                         OutputSet& outputs, RunLog& log) {
    const auto& ids = genotypes.samples();
    for (std::size_t t = 0; t < cohort.trait_names.size(); ++t) {
        const std::string& trait = cohort.trait_names[t];
        std::string text = settings.print_pheno ? trait + "\tNA\n" : "";
        std::size_t count = 0;
        for (std::size_t i = 0; i < cohort.sample_indices.size(); ++i) {
            if (!tested(cohort, settings.predictions, i, t)) continue;
            const SampleId& id = ids[cohort.sample_indices[i]];
            text += id.fid + "\t" + id.iid + "\n";
            ++count;
        }
        const std::string path = trait_samples_path(settings.out_prefix, trait, settings.format);
        write_output_file(outputs, path, text);
        log.info(fmt::format("{}: the {} samples of its tests -> {}", trait, count, path));
    }
}

}  // namespace ridgeway
