#include <algorithm>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/memory_budget.hpp"
#include "sim/cohort_simulator.hpp"
#include "sim/variant_layout.hpp"

namespace ridgeway {

void run_simulate_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    SimulationSettings settings;
    settings.n_samples = options.integer("--n", 2000, 10, 100'000'000);
    settings.n_variants = options.integer("--m", 50000, 1, 1'000'000'000);
    settings.n_chromosomes = options.integer("--chromosomes", 10, 1, 22);
    if (options.flag("--chrx")) {
        const auto share = std::max<long long>(1, static_cast<long long>(settings.n_variants / 20));
        const auto most = static_cast<long long>(kMaxChromosomeXVariants);
        settings.n_chromosome_x = options.integer("--m-chrx", share, 1, most);
    } else if (options.has("--m-chrx")) {
        throw Error(ErrorKind::usage, "--m-chrx: chromosome X is simulated only with --chrx");
    }
    settings.seed = options.integer("--seed", 1, 0, 1LL << 62);
    settings.h2 = options.number("--h2", 0.5, 0.0, 1.0);
    settings.epistasis = options.number("--epistasis", 0.0, 0.0, 1.0);
    settings.n_causal = options.integer("--causal", 100, 0, 1'000'000'000);
    settings.n_quantitative = options.integer("--quantitative", 2, 0, 1000);
    settings.n_binary = options.integer("--binary", 1, 0, 1000);
    settings.prevalence = options.number("--prevalence", 0.1, 1e-6, 0.999999);
    settings.missing_rate = options.number("--missing-rate", 0.002, 0.0, 0.5);
    settings.min_maf = options.number("--min-maf", 0.005, 1e-6, 0.5);
    settings.threads = static_cast<unsigned>(thread_count(options));
    // About one chromosome's packed genotypes per thread, the causal variants' calls, and a few vectors per trait.
    const std::size_t traits = settings.n_quantitative + settings.n_binary;
    const std::size_t per_chromosome = std::max(
        (settings.n_variants + settings.n_chromosomes - 1) / settings.n_chromosomes, settings.n_chromosome_x);
    require_memory(static_cast<std::size_t>(options.integer("--memory", 0, 1, 1LL << 40)),
                   settings.threads * per_chromosome * ((settings.n_samples + 3) / 4) +
                       traits * settings.n_causal * settings.n_samples + 10 * traits * settings.n_samples * 8,
                   fmt::format("simulating {} samples x {} variants with {} threads", settings.n_samples,
                               settings.n_variants, settings.threads));
    simulate_cohort(settings, options.required_text("--out"), outputs, log);
}

}  // namespace ridgeway
