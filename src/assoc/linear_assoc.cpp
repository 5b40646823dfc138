#include "assoc/linear_assoc.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "assoc/trait_set.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"
#include "qc/variant_blocks.hpp"
#include "step1/trait_scaling.hpp"

namespace ridgeway {

namespace {

// Enough variants per block to amortize the reads, few enough that the decoded block stays small.
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

// The traits minus the chromosome's LOCO prediction, put back on each trait's own scale.
Matrix traits_without_chromosome(const Cohort& cohort, const LocoPredictions& predictions,
                                 const std::vector<double>& scales, int chromosome) {
    const std::size_t column = predictions.column_of(chromosome);
    if (column == static_cast<std::size_t>(-1))
        throw Error(ErrorKind::inconsistent, fmt::format("the step-1 predictions have no row for chromosome {}; step 1 and "
                                                         "step 2 must cover the same chromosomes",
                                                         chromosome));
    Matrix adjusted = cohort.traits;
    for (std::size_t t = 0; t < adjusted.cols(); ++t)
        for (std::size_t i = 0; i < adjusted.rows(); ++i) adjusted(i, t) -= scales[t] * predictions.values[t](i, column);
    return adjusted;
}

class AssocPass {
public:
    AssocPass(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
              const AssocSettings& settings, std::vector<std::unique_ptr<AssocWriter>>& writers)
        : genotypes_(genotypes), cohort_(cohort), variants_(variants), settings_(settings), writers_(writers),
          error_counts_(cohort.trait_names.size()) {}

    // Tests variants [run.first, run.first + run.count) against `traits`.
    void test_run(const VariantBlock& run, const TraitSet& traits, Progress& progress);

    std::size_t filtered() const { return filtered_; }
    const std::vector<std::map<ErrorCode, std::size_t>>& error_counts() const { return error_counts_; }

private:
    void write(std::size_t first, const BlockResults& block);

    const GenotypeSource& genotypes_;
    const Cohort& cohort_;
    const std::vector<std::size_t>& variants_;
    const AssocSettings& settings_;
    std::vector<std::unique_ptr<AssocWriter>>& writers_;
    std::size_t filtered_ = 0;
    std::size_t blocks_done_ = 0;
    std::vector<std::map<ErrorCode, std::size_t>> error_counts_;
};

void AssocPass::test_run(const VariantBlock& run, const TraitSet& traits, Progress& progress) {
    const auto threads = static_cast<std::size_t>(std::max(1, settings_.threads));
    const std::size_t block_size = block_size_for(cohort_.sample_indices.size());
    const std::size_t n_blocks = (run.count + block_size - 1) / block_size;
    const std::size_t wave = threads * 4;
    std::vector<LinearBlockTest> tests(threads, LinearBlockTest(traits, settings_.filters));
    std::vector<GenotypeBlock> blocks(threads);
    // Two sets of results: the workers fill one wave while this thread writes the previous one.
    std::vector<BlockResults> results(wave), previous(wave);
    std::size_t previous_first_block = 0, previous_count = 0;
    auto write_previous = [&] {
        for (std::size_t k = 0; k < previous_count; ++k)
            write(run.first + (previous_first_block + k) * block_size, previous[k]);
        blocks_done_ += previous_count;
        progress.update(blocks_done_);
    };
    for (std::size_t first_block = 0; first_block < n_blocks; first_block += wave) {
        const std::size_t blocks_now = std::min(wave, n_blocks - first_block);
        auto run_blocks = [&](std::size_t thread) {
            for (std::size_t k = thread; k < blocks_now; k += threads) {
                std::size_t first = run.first + (first_block + k) * block_size;
                std::size_t count = std::min(block_size, run.first + run.count - first);
                genotypes_.read(std::span(variants_).subspan(first, count), cohort_.sample_indices, blocks[thread]);
                tests[thread].run(blocks[thread], results[k]);
            }
        };
        run_in_parallel(threads, run_blocks, write_previous);
        std::swap(results, previous);
        previous_first_block = first_block;
        previous_count = blocks_now;
    }
    write_previous();
}

void AssocPass::write(std::size_t first, const BlockResults& block) {
    const std::size_t n_traits = writers_.size();
    for (std::size_t v = 0; v < block.kept.size(); ++v) {
        if (!block.kept[v]) {
            ++filtered_;
            continue;
        }
        const Variant& variant = genotypes_.variants()[variants_[first + v]];
        for (std::size_t t = 0; t < n_traits; ++t) {
            const AssocResult& result = block.results[v * n_traits + t];
            writers_[t]->write(variant, result);
            ++error_counts_[t][result.error];
        }
    }
}

}  // namespace

void run_linear_assoc(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                      const AssocSettings& settings, OutputSet& outputs, RunLog& log) {
    const std::size_t n_traits = cohort.trait_names.size();
    bool index = settings.format == ResultFormat::tsv && sorted_for_index(genotypes, variants);
    if (settings.format == ResultFormat::tsv && !index)
        log.warn("variants are not sorted by chromosome and position; results are written without a tabix index");
    std::vector<std::unique_ptr<AssocWriter>> writers;
    for (const auto& trait : cohort.trait_names)
        writers.push_back(make_assoc_writer({settings.out_prefix, trait, settings.format, index}, outputs));

    AssocPass pass(genotypes, cohort, variants, settings, writers);
    const std::size_t block_size = block_size_for(cohort.sample_indices.size());
    std::size_t total_blocks = 0;
    // With predictions, each chromosome's run of variants gets its own adjusted traits.
    const auto runs = settings.predictions ? make_blocks(genotypes, variants)
                                           : std::vector<VariantBlock>{{0, 0, variants.size()}};
    for (const auto& run : runs) total_blocks += (run.count + block_size - 1) / block_size;
    Progress progress("Association: variant block", total_blocks);
    std::vector<double> scales;
    if (settings.predictions) {
        scales = scale_traits(cohort).scales;
        log.info("Conditioning on the step-1 leave-one-chromosome-out predictions");
    }
    for (const auto& run : runs) {
        TraitSet traits = prepare_traits(
            settings.predictions ? traits_without_chromosome(cohort, *settings.predictions, scales, run.chromosome)
                                 : cohort.traits,
            cohort.covariates);
        if (&run == &runs.front()) {
            log.info(fmt::format("{} traits; covariate basis rank {} (intercept included)", n_traits, traits.rank));
            for (std::size_t t = 0; t < n_traits; ++t)
                if (!traits.corrections[t].usable)
                    log.warn("the covariates are collinear on the samples with a value for " + cohort.trait_names[t] +
                             "; its rows get COVAR_SINGULAR");
        }
        pass.test_run(run, traits, progress);
    }
    for (auto& writer : writers) writer->finish();

    const auto& f = settings.filters;
    log.info(fmt::format("{} variants removed by --maf {} / --mac {} / --geno {}; {} tested", pass.filtered(), f.maf, f.mac,
                         f.geno, variants.size() - pass.filtered()));
    for (std::size_t t = 0; t < n_traits; ++t) {
        std::string reasons;
        auto counts = pass.error_counts()[t];
        for (const auto& [code, count] : counts)
            if (code != ErrorCode::none) reasons += fmt::format(", {} {}", count, error_code_name(code));
        log.info(fmt::format("{}: {} results{} -> {}", cohort.trait_names[t], counts[ErrorCode::none], reasons,
                             writers[t]->final_path()));
    }
}

}  // namespace ridgeway
