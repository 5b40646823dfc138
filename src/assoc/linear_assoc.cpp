#include "assoc/linear_assoc.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "assoc/trait_set.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

namespace {

// Enough variants per block for an efficient product, few enough that the decoded block stays near 32 MB.
std::size_t block_size_for(std::size_t n_samples) {
    return std::clamp<std::size_t>((std::size_t{4} << 20) / std::max<std::size_t>(n_samples, 1), 8, 256);
}

// A tabix index needs each chromosome in one run with non-decreasing positions.
bool sorted_for_index(const GenotypeSource& genotypes, const std::vector<std::size_t>& variants) {
    std::map<std::string, bool> finished;
    for (std::size_t i = 1; i < variants.size(); ++i) {
        const Variant& previous = genotypes.variants()[variants[i - 1]];
        const Variant& current = genotypes.variants()[variants[i]];
        if (current.chrom != previous.chrom) {
            finished[previous.chrom] = true;
            if (finished.count(current.chrom)) return false;
        } else if (current.pos < previous.pos) {
            return false;
        }
    }
    return true;
}

struct Worker {
    Worker(const TraitSet& traits, const VariantFilters& filters) : test(traits, filters) {}
    LinearBlockTest test;
    GenotypeBlock block;
};

}  // namespace

void run_linear_assoc(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                      const AssocSettings& settings, OutputSet& outputs, RunLog& log) {
    const std::size_t n_traits = cohort.trait_names.size();
    TraitSet traits = prepare_traits(cohort.traits, cohort.covariates);
    log.info(fmt::format("{} traits; covariate basis rank {} (intercept included)", n_traits, traits.rank));
    for (std::size_t t = 0; t < n_traits; ++t)
        if (!traits.corrections[t].usable)
            log.warn("the covariates are collinear on the samples with a value for " + cohort.trait_names[t] +
                     "; its rows get COVAR_SINGULAR");

    bool index = settings.format == ResultFormat::tsv && sorted_for_index(genotypes, variants);
    if (settings.format == ResultFormat::tsv && !index)
        log.warn("variants are not sorted by chromosome and position; results are written without a tabix index");
    std::vector<std::unique_ptr<AssocWriter>> writers;
    for (const auto& trait : cohort.trait_names)
        writers.push_back(make_assoc_writer({settings.out_prefix, trait, settings.format, index}, outputs));

    const int threads = std::max(1, settings.threads);
    const std::size_t block_size = block_size_for(cohort.sample_indices.size());
    const std::size_t n_blocks = (variants.size() + block_size - 1) / block_size;
    const std::size_t wave = static_cast<std::size_t>(threads) * 4;
    std::vector<std::unique_ptr<Worker>> workers;
    for (int t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(traits, settings.filters));
    std::vector<BlockResults> results(wave);

    std::size_t filtered = 0;
    std::vector<std::map<ErrorCode, std::size_t>> error_counts(n_traits);
    Progress progress("Association: variant block", n_blocks);
    for (std::size_t first_block = 0; first_block < n_blocks; first_block += wave) {
        const std::size_t blocks_now = std::min(wave, n_blocks - first_block);
        auto run_blocks = [&](int thread) {
            Worker& worker = *workers[thread];
            for (std::size_t k = thread; k < blocks_now; k += threads) {
                std::size_t first = (first_block + k) * block_size;
                std::size_t count = std::min(block_size, variants.size() - first);
                genotypes.read(std::span(variants).subspan(first, count), cohort.sample_indices, worker.block);
                worker.test.run(worker.block, results[k]);
            }
        };
        if (threads == 1) {
            run_blocks(0);
        } else {
            std::vector<std::exception_ptr> failures(threads);
            std::vector<std::thread> pool;
            for (int t = 0; t < threads; ++t)
                pool.emplace_back([&, t] {
                    try {
                        run_blocks(t);
                    } catch (...) {
                        failures[t] = std::current_exception();
                    }
                });
            for (auto& thread : pool) thread.join();
            for (auto& failure : failures)
                if (failure) std::rethrow_exception(failure);
        }
        for (std::size_t k = 0; k < blocks_now; ++k) {
            std::size_t first = (first_block + k) * block_size;
            const BlockResults& block = results[k];
            for (std::size_t v = 0; v < block.kept.size(); ++v) {
                if (!block.kept[v]) {
                    ++filtered;
                    continue;
                }
                const Variant& variant = genotypes.variants()[variants[first + v]];
                for (std::size_t t = 0; t < n_traits; ++t) {
                    const AssocResult& result = block.results[v * n_traits + t];
                    writers[t]->write(variant, result);
                    ++error_counts[t][result.error];
                }
            }
        }
        progress.update(first_block + blocks_now);
    }
    for (auto& writer : writers) writer->finish();

    const auto& f = settings.filters;
    log.info(fmt::format("{} variants removed by --maf {} / --mac {} / --geno {}; {} tested", filtered, f.maf, f.mac, f.geno,
                         variants.size() - filtered));
    for (std::size_t t = 0; t < n_traits; ++t) {
        std::string reasons;
        for (const auto& [code, count] : error_counts[t])
            if (code != ErrorCode::none) reasons += fmt::format(", {} {}", count, error_code_name(code));
        log.info(fmt::format("{}: {} results{} -> {}", cohort.trait_names[t], error_counts[t][ErrorCode::none], reasons,
                             writers[t]->final_path()));
    }
}

}  // namespace ridgeway
