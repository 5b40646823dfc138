#include "sim/simulation_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"

namespace ridgeway {

namespace {

std::string_view as_text(const fmt::memory_buffer& buffer) { return {buffer.data(), buffer.size()}; }

void append_value(fmt::memory_buffer& out, double value) {
    if (std::isnan(value))
        fmt::format_to(std::back_inserter(out), " NA");
    else
        fmt::format_to(std::back_inserter(out), " {:.6g}", value);
}

// One column per trait, from `column` (trait values or genetic values).
fmt::memory_buffer trait_table(const std::vector<SampleId>& samples, const std::vector<SimulatedTrait>& traits,
                               std::vector<double> SimulatedTrait::*column) {
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out), "FID IID");
    for (const auto& trait : traits) fmt::format_to(std::back_inserter(out), " {}", trait.name);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        fmt::format_to(std::back_inserter(out), "\n{} {}", samples[i].fid, samples[i].iid);
        for (const auto& trait : traits) append_value(out, (trait.*column)[i]);
    }
    out.push_back('\n');
    return out;
}

fmt::memory_buffer covariate_table(const std::vector<SampleId>& samples, const SimulatedCovariates& c) {
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out), "FID IID AGE SEX SITE PC1 PC2\n");
    for (std::size_t i = 0; i < samples.size(); ++i) {
        fmt::format_to(std::back_inserter(out), "{} {}", samples[i].fid, samples[i].iid);
        append_value(out, c.age[i]);
        append_value(out, c.sex[i]);
        fmt::format_to(std::back_inserter(out), " {}", c.site[i] < 0 ? "NA" : SimulatedCovariates::kSites[c.site[i]]);
        append_value(out, c.pc1[i]);
        append_value(out, c.pc2[i]);
        out.push_back('\n');
    }
    return out;
}

}  // namespace

void write_sample_tables(const std::string& prefix, const std::vector<SampleId>& samples,
                         const SimulatedCovariates& covariates, const std::vector<SimulatedTrait>& traits,
                         OutputSet& outputs) {
    write_output_file(outputs, prefix + ".pheno", as_text(trait_table(samples, traits, &SimulatedTrait::value)));
    write_output_file(outputs, prefix + ".covar", as_text(covariate_table(samples, covariates)));
    write_output_file(outputs, prefix + ".gv", as_text(trait_table(samples, traits, &SimulatedTrait::genetic_value)));
}

void write_truth(const std::string& prefix, const std::vector<SimulatedTrait>& traits,
                 const std::vector<SimulatedChromosome>& chromosomes, OutputSet& outputs) {
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out), "TRAIT ID CHROM POS A1 BETA_STD\n");
    for (const auto& trait : traits)
        for (std::size_t k = 0; k < trait.causal.size(); ++k) {
            const SimulatedChromosome& chromosome = chromosome_of(chromosomes, trait.causal[k]);
            const Variant variant = chromosome.record(trait.causal[k] - chromosome.first_variant);
            fmt::format_to(std::back_inserter(out), "{} {} {} {} {} {:.6g}\n", trait.name, variant.id, variant.chrom,
                           variant.pos, variant.allele1, trait.effects[k]);
        }
    write_output_file(outputs, prefix + ".truth", as_text(out));

    if (std::none_of(traits.begin(), traits.end(), [](const SimulatedTrait& t) { return !t.interactions.empty(); }))
        return;
    const auto id = [&](std::size_t v) {
        const SimulatedChromosome& chromosome = chromosome_of(chromosomes, v);
        return chromosome.record(v - chromosome.first_variant).id;
    };
    fmt::memory_buffer pairs;
    fmt::format_to(std::back_inserter(pairs), "TRAIT ID1 ID2 BETA_STD\n");
    for (const auto& trait : traits)
        for (const InteractionPair& pair : trait.interactions)
            fmt::format_to(std::back_inserter(pairs), "{} {} {} {:.6g}\n", trait.name, id(trait.causal[pair.first]),
                           id(trait.causal[pair.second]), pair.effect);
    write_output_file(outputs, prefix + ".interactions", as_text(pairs));
}

}  // namespace ridgeway
