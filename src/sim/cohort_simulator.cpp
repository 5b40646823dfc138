#include "sim/cohort_simulator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"
#include "io/plink1/bed_writer.hpp"
#include "sim/haplotype_model.hpp"
#include "sim/trait_model.hpp"

namespace ridgeway {

namespace {

constexpr double kNeighbourKeep = 0.9;       // rho: chance a haplotype keeps its latent state to the next variant
constexpr double kMinimumCausalMaf = 0.01;
constexpr std::uint64_t kCovariateStream = 1;
constexpr std::uint64_t kChromosomeStream = 100;
constexpr std::uint64_t kTraitStream = 10000;

struct Chromosome {
    int number = 0;
    std::size_t first_variant = 0;  // global index of its first variant
    std::vector<SimulatedVariantInfo> variants;
    Random random{0, 0};
    std::vector<std::uint8_t> packed;  // the chromosome's .bed bytes, filled by its thread
};

std::vector<Chromosome> lay_out_chromosomes(const SimulationSettings& settings) {
    std::vector<Chromosome> chromosomes(settings.n_chromosomes);
    std::size_t first = 0;
    for (std::size_t c = 0; c < settings.n_chromosomes; ++c) {
        std::size_t count = settings.n_variants / settings.n_chromosomes + (c < settings.n_variants % settings.n_chromosomes);
        chromosomes[c].number = static_cast<int>(c + 1);
        chromosomes[c].first_variant = first;
        chromosomes[c].random = Random(settings.seed, kChromosomeStream + c);
        chromosomes[c].variants = draw_chromosome_variants(chromosomes[c].number, count, chromosomes[c].random);
        first += count;
    }
    return chromosomes;
}

std::vector<SimulatedTrait> draw_causal_variants(const SimulationSettings& settings,
                                                 const std::vector<Chromosome>& chromosomes) {
    std::vector<std::size_t> eligible;
    for (const auto& chromosome : chromosomes)
        for (std::size_t v = 0; v < chromosome.variants.size(); ++v) {
            double p = chromosome.variants[v].a1_frequency;
            if (std::min(p, 1.0 - p) >= kMinimumCausalMaf) eligible.push_back(chromosome.first_variant + v);
        }
    std::vector<SimulatedTrait> traits(settings.n_quantitative + settings.n_binary);
    for (std::size_t t = 0; t < traits.size(); ++t) {
        SimulatedTrait& trait = traits[t];
        trait.binary = t >= settings.n_quantitative;
        trait.name = trait.binary ? fmt::format("B{}", t - settings.n_quantitative + 1) : fmt::format("Q{}", t + 1);
        Random random(settings.seed, kTraitStream + t);
        std::vector<std::size_t> pool = eligible;
        std::size_t count = std::min(settings.n_causal, pool.size());
        for (std::size_t k = 0; k < count; ++k) {  // partial Fisher-Yates shuffle
            std::swap(pool[k], pool[k + random.below(pool.size() - k)]);
            trait.causal.push_back(pool[k]);
            trait.effects.push_back(random.normal());
        }
    }
    return traits;
}

void generate_chromosome(Chromosome& chromosome, std::size_t n_samples, double missing_rate,
                         std::map<std::size_t, std::vector<std::int8_t>>& causal_calls) {
    HaplotypeModel model(n_samples, kNeighbourKeep, missing_rate, chromosome.random);
    std::vector<std::int8_t> calls(n_samples);
    std::vector<std::uint8_t> bytes;
    const std::size_t bytes_per_variant = (n_samples + 3) / 4;
    chromosome.packed.resize(chromosome.variants.size() * bytes_per_variant);
    for (std::size_t v = 0; v < chromosome.variants.size(); ++v) {
        model.next_variant(chromosome.variants[v].a1_frequency, calls);
        auto causal = causal_calls.find(chromosome.first_variant + v);
        if (causal != causal_calls.end()) causal->second = calls;
        pack_bed_variant(calls, bytes);
        std::copy(bytes.begin(), bytes.end(), chromosome.packed.begin() + v * bytes_per_variant);
    }
}

std::string format_value(double value) { return std::isnan(value) ? "NA" : fmt::format("{:.6g}", value); }

void write_text(OutputSet& outputs, const std::string& path, const std::string& text) {
    std::FILE* file = std::fopen(outputs.add(path).c_str(), "w");
    if (file == nullptr) throw Error(ErrorKind::cannot_open, path + ": cannot create the file");
    bool failed = std::fwrite(text.data(), 1, text.size(), file) != text.size();
    failed |= std::fclose(file) != 0;
    if (failed) throw Error(ErrorKind::resources, path + ": write failed (disk full?)");
}

void write_tables(const std::string& prefix, const std::vector<SampleId>& samples, const SimulatedCovariates& covariates,
                  const std::vector<SimulatedTrait>& traits, const std::vector<Chromosome>& chromosomes,
                  OutputSet& outputs) {
    std::string pheno = "FID IID", gv = "FID IID", covar = "FID IID AGE SEX SITE PC1 PC2\n";
    for (const auto& trait : traits) pheno += " " + trait.name, gv += " " + trait.name;
    pheno += "\n", gv += "\n";
    for (std::size_t i = 0; i < samples.size(); ++i) {
        std::string id = samples[i].fid + " " + samples[i].iid;
        pheno += id, gv += id;
        for (const auto& trait : traits) {
            pheno += " " + format_value(trait.value[i]);
            gv += " " + format_value(trait.genetic_value[i]);
        }
        pheno += "\n", gv += "\n";
        covar += fmt::format("{} {} {} {} {} {}\n", id, format_value(covariates.age[i]), format_value(covariates.sex[i]),
                             covariates.site[i] < 0 ? "NA" : SimulatedCovariates::kSites[covariates.site[i]],
                             format_value(covariates.pc1[i]), format_value(covariates.pc2[i]));
    }
    std::string truth = "TRAIT ID CHROM POS A1 BETA_STD\n";
    for (const auto& trait : traits)
        for (std::size_t k = 0; k < trait.causal.size(); ++k) {
            auto chromosome = std::upper_bound(chromosomes.begin(), chromosomes.end(), trait.causal[k],
                                               [](std::size_t v, const Chromosome& c) { return v < c.first_variant; }) - 1;
            const Variant& variant = chromosome->variants[trait.causal[k] - chromosome->first_variant].variant;
            truth += fmt::format("{} {} {} {} {} {:.6g}\n", trait.name, variant.id, variant.chrom, variant.pos,
                                 variant.allele1, trait.effects[k]);
        }
    write_text(outputs, prefix + ".pheno", pheno);
    write_text(outputs, prefix + ".covar", covar);
    write_text(outputs, prefix + ".truth", truth);
    write_text(outputs, prefix + ".gv", gv);
}

}  // namespace

void simulate_cohort(const SimulationSettings& settings, const std::string& prefix, OutputSet& outputs, RunLog& log) {
    if (settings.n_chromosomes == 0 || settings.n_variants < settings.n_chromosomes)
        throw Error(ErrorKind::usage, "simulate: need at least one variant per chromosome");
    log.info(fmt::format("Simulating {} samples x {} variants on {} chromosomes (seed {}), h2 {}, {} causal variants per "
                         "trait, {} quantitative and {} case/control traits (prevalence {})",
                         settings.n_samples, settings.n_variants, settings.n_chromosomes, settings.seed, settings.h2,
                         settings.n_causal, settings.n_quantitative, settings.n_binary, settings.prevalence));
    std::vector<SampleId> samples;
    for (std::size_t i = 1; i <= settings.n_samples; ++i) samples.push_back({"S" + std::to_string(i), "S" + std::to_string(i)});

    std::vector<Chromosome> chromosomes = lay_out_chromosomes(settings);
    std::vector<SimulatedTrait> traits = draw_causal_variants(settings, chromosomes);
    std::map<std::size_t, std::vector<std::int8_t>> causal_calls;
    for (const auto& trait : traits)
        for (std::size_t v : trait.causal) causal_calls[v];

    BedWriter writer(prefix, samples, outputs);
    const std::size_t threads = std::max(1u, settings.threads);
    Progress progress("simulate: chromosome", chromosomes.size());
    for (std::size_t first = 0; first < chromosomes.size(); first += threads) {
        std::size_t last = std::min(first + threads, chromosomes.size());
        std::vector<std::thread> pool;
        for (std::size_t c = first; c < last; ++c)
            pool.emplace_back([&, c] { generate_chromosome(chromosomes[c], settings.n_samples, settings.missing_rate, causal_calls); });
        for (auto& thread : pool) thread.join();
        const std::size_t bytes_per_variant = (settings.n_samples + 3) / 4;
        for (std::size_t c = first; c < last; ++c) {
            for (std::size_t v = 0; v < chromosomes[c].variants.size(); ++v)
                writer.write_packed_variant(chromosomes[c].variants[v].variant,
                                            std::span(chromosomes[c].packed).subspan(v * bytes_per_variant, bytes_per_variant));
            chromosomes[c].packed = {};
        }
        progress.update(last);
    }
    writer.close();

    Random covariate_random(settings.seed, kCovariateStream);
    SimulatedCovariates covariates = draw_covariates(settings.n_samples, covariate_random);
    TraitSettings trait_settings{settings.h2, settings.prevalence};
    for (std::size_t t = 0; t < traits.size(); ++t) {
        std::vector<const std::vector<std::int8_t>*> calls;
        for (std::size_t v : traits[t].causal) calls.push_back(&causal_calls.at(v));
        Random random(settings.seed, kTraitStream + traits.size() + t);
        finish_trait(traits[t], calls, covariates, trait_settings, random);
    }
    write_tables(prefix, samples, covariates, traits, chromosomes, outputs);
}

}  // namespace ridgeway
