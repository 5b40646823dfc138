#include "sim/cohort_simulator.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/plink1/bed_writer.hpp"
#include "io/sample_sex.hpp"
#include "sim/covariate_model.hpp"
#include "sim/genotype_pass.hpp"
#include "sim/simulation_tables.hpp"
#include "sim/trait_model.hpp"
#include "sim/variant_layout.hpp"

namespace ridgeway {

namespace {

constexpr double kNeighbourKeep = 0.9;  // rho of the haplotype model: r^2 about 0.8 between neighbours
constexpr double kMinimumCausalMaf = 0.01;

std::vector<std::size_t> causal_candidates(const std::vector<SimulatedChromosome>& chromosomes) {
    std::vector<std::size_t> eligible;
    for (const auto& chromosome : chromosomes)
        for (std::size_t v = 0; v < chromosome.variants.size(); ++v)
            if (chromosome.variants[v].maf() >= kMinimumCausalMaf) eligible.push_back(chromosome.first_variant + v);
    return eligible;
}

void check_settings(const SimulationSettings& settings) {
    if (settings.n_samples == 0) throw Error(ErrorKind::usage, "simulate: need at least one sample");
    if (settings.n_chromosomes == 0 || settings.n_variants < settings.n_chromosomes)
        throw Error(ErrorKind::usage, "simulate: need at least one variant per chromosome");
    if (!(settings.h2 >= 0 && settings.h2 <= 1)) throw Error(ErrorKind::usage, "simulate: h2 must be within [0, 1]");
    if (!(settings.epistasis >= 0 && settings.epistasis <= 1))
        throw Error(ErrorKind::usage, "simulate: the epistasis fraction must be within [0, 1]");
    if (!(settings.prevalence > 0 && settings.prevalence < 1))
        throw Error(ErrorKind::usage, "simulate: the prevalence must be within (0, 1)");
    if (!(settings.missing_rate >= 0 && settings.missing_rate < 1))
        throw Error(ErrorKind::usage, "simulate: the missing rate must be within [0, 1)");
    if (settings.n_chromosome_x > kMaxChromosomeXVariants)
        throw Error(ErrorKind::usage,
                    fmt::format("simulate: at most {} variants on chromosome X", kMaxChromosomeXVariants));
}

// The covariate SEX, as the .fam records it.
std::vector<Sex> sexes_of(const SimulatedCovariates& covariates) {
    std::vector<Sex> sexes;
    for (double sex : covariates.sex) sexes.push_back(sex == 1 ? Sex::male : Sex::female);
    return sexes;
}

void log_chromosome_x(const SimulatedChromosome& x, const std::vector<Sex>& sexes, RunLog& log) {
    std::size_t par1 = 0, hemizygous = 0;
    for (std::size_t v = 0; v < x.variants.size(); ++v) {
        par1 += x.variants[v].pos <= kPar1Last;
        hemizygous += x.male_hemizygous(v);
    }
    log.info(fmt::format("Chromosome X: {} variants (PAR1 {}, non-PAR {}, PAR2 {}, hg38 positions); {} of {} samples "
                         "male, hemizygous outside the PARs (written as homozygous calls)",
                         x.variants.size(), par1, hemizygous, x.variants.size() - par1 - hemizygous,
                         std::count(sexes.begin(), sexes.end(), Sex::male), sexes.size()));
}

}  // namespace

void simulate_cohort(const SimulationSettings& settings, const std::string& prefix, OutputSet& outputs, RunLog& log) {
    check_settings(settings);
    log.info(fmt::format("Simulating {} samples x {} variants on {} chromosomes (seed {}), genotype missing rate {}",
                         settings.n_samples, settings.n_variants, settings.n_chromosomes, settings.seed,
                         settings.missing_rate));

    std::vector<SampleId> samples;
    for (std::size_t i = 1; i <= settings.n_samples; ++i) samples.push_back({fmt::format("S{}", i), fmt::format("S{}", i)});
    const std::vector<SimulatedChromosome> chromosomes = lay_out_chromosomes(
        settings.n_variants, settings.n_chromosomes, settings.min_maf, settings.seed, settings.n_chromosome_x);
    std::vector<SimulatedTrait> traits = draw_trait_architecture(
        settings.n_quantitative, settings.n_binary, settings.n_causal, causal_candidates(chromosomes), settings.seed,
        settings.epistasis > 0);

    // Drawn from a stream of their own, so drawing them before the genotypes changes nothing but lets chromosome X
    // follow SEX.
    Random covariate_random(settings.seed, random_stream::kCovariates);
    const SimulatedCovariates covariates = draw_covariates(settings.n_samples, covariate_random);
    const bool with_x = settings.n_chromosome_x > 0;
    const std::vector<Sex> sexes = with_x ? sexes_of(covariates) : std::vector<Sex>{};
    if (with_x) log_chromosome_x(chromosomes.back(), sexes, log);

    CausalCalls causal_calls;
    for (const auto& trait : traits)
        for (std::size_t v : trait.causal) causal_calls[v];
    BedWriter writer(prefix, samples, outputs, sexes);
    GenotypePassSettings pass{settings.n_samples, kNeighbourKeep, settings.missing_rate, settings.seed,
                              settings.threads, {}};
    for (Sex sex : sexes) pass.males.push_back(sex == Sex::male);
    write_genotypes(chromosomes, pass, writer, causal_calls);
    writer.close();
    for (std::size_t t = 0; t < traits.size(); ++t) {
        std::vector<const std::vector<std::int8_t>*> calls;
        for (std::size_t v : traits[t].causal) calls.push_back(&causal_calls.at(v));
        Random noise(settings.seed, random_stream::kNoise + t);
        finish_trait(traits[t], calls, covariates, {settings.h2, settings.prevalence, settings.epistasis}, noise);
    }
    write_sample_tables(prefix, samples, covariates, traits, outputs);
    write_truth(prefix, traits, chromosomes, outputs);

    const std::size_t causal = traits.empty() ? 0 : traits.front().causal.size();
    log.info(fmt::format("Simulated {} quantitative and {} case/control traits (prevalence {}) with h2 {} from {} causal "
                         "variants each (MAF >= {}), and covariates AGE SEX SITE PC1 PC2",
                         settings.n_quantitative, settings.n_binary, settings.prevalence, settings.h2, causal,
                         kMinimumCausalMaf));
    if (settings.epistasis > 0)
        log.info(fmt::format("A fraction {} of each quantitative trait's genetic variance comes from {} pairwise "
                             "interactions of its causal variants (listed in {}.interactions)",
                             settings.epistasis, causal, prefix));
}

}  // namespace ridgeway
