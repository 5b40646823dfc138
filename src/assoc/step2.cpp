#include "assoc/step2.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <span>

#include <fmt/format.h>

#include "assoc/linear_assoc.hpp"
#include "assoc/logistic_assoc.hpp"
#include "assoc/trait_samples.hpp"
#include "linalg/genotype_kernels.hpp"
#include "core/memory_budget.hpp"
#include "core/memory_stream.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"
#include "multicol/multicol_tests.hpp"

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

// What step 2 allocates besides what the process holds: the prepared traits of a run (twice while the next is
// built), per thread a block of calls and its dosages (and its recoded copy under another genetic model than the
// additive), two waves of results, and the writers' buffers.
std::size_t step2_bytes(const Cohort& cohort, const AssocSettings& settings) {
    const std::size_t n = cohort.sample_indices.size(), p = cohort.trait_names.size();
    const std::size_t rank = cohort.covariates.cols() + 1, threads = static_cast<std::size_t>(std::max(1, settings.threads));
    const std::size_t prepared = cohort.binary ? n * p * (3 * rank + 14) * 8 : n * (rank + 2 * p) * 8 + p * rank * rank * 16;
    const std::size_t block = block_size_for(n);
    const std::size_t copies = settings.genetic_model == GeneticModel::additive ? 1 : 2;
    const std::size_t per_thread = copies * block * n + 8 * n * kDotVariants * 2;
    const std::size_t results = 2 * threads * 4 * block * p * rows_per_result(settings.multicol) * sizeof(AssocResult);
    return 2 * prepared + threads * per_thread + results + p * (std::size_t{3} << 16);
}

// What the result files' metadata (GWAS-SSF's YAML) says about trait `t`.
TraitAnalysis describe_analysis(const Cohort& cohort, std::size_t t, const AssocSettings& settings) {
    TraitAnalysis analysis;
    const double* values = cohort.traits.column(t);
    for (std::size_t i = 0; i < cohort.traits.rows(); ++i) analysis.sample_size += !std::isnan(values[i]);
    if (cohort.binary) {
        const CaseControlCounts counts = count_cases(values, cohort.traits.rows());
        analysis.case_count = counts.cases;
        analysis.control_count = counts.controls;
    }
    analysis.covariates = cohort.covariate_names;
    const CaseControlSettings& cc = settings.case_control;
    analysis.method = cohort.binary ? "Logistic regression score test"
                      : settings.linear_statistic == LinearStatistic::t
                          ? "Linear regression, as plink2 --glm"
                          : "Linear regression with regenie's step-2 statistic (null-model residual variance, normal "
                            "reference)";
    if (cohort.binary && cc.correction != Correction::none)
        analysis.method += fmt::format(", {} where the score test gives p < {}",
                                       cc.correction == Correction::spa ? "saddle-point approximation"
                                       : cc.approximate_firth           ? "approximate Firth regression"
                                                                        : "Firth regression",
                                       cc.p_threshold);
    if (settings.multicol.active()) analysis.method = describe_multicol(settings, cohort.binary);
    if (settings.genetic_model != GeneticModel::additive)
        analysis.method += ", " + describe_genetic_model(settings.genetic_model);
    if (settings.traits_rank_normal) analysis.method += ", on the rank-based inverse normal transform of the trait";
    if (settings.residual_rint != ResidualRint::none)
        analysis.method += ", on the rank-based inverse normal transform of the trait's covariate residual";
    if (settings.predictions)
        analysis.method += settings.predictions->is_whole_genome()
                               ? ", conditioned on the step-1 whole-genome predictions"
                               : ", conditioned on the step-1 leave-one-chromosome-out predictions";
    return analysis;
}

// The rows of the conditioning variants among `block_variants` (indices into the genotypes' variants) that passed
// the filters: their counts and frequencies as the test found them, CONDITIONING_VARIANT instead of a result (a
// genotype among the covariates explains itself).
void mark_conditioning(const std::vector<std::size_t>& conditioning, std::span<const std::size_t> block_variants,
                       BlockResults& block) {
    if (conditioning.empty() || block.kept.empty()) return;
    const std::size_t n_traits = block.results.size() / block.kept.size();
    for (std::size_t v = 0; v < block_variants.size(); ++v) {
        if (!block.kept[v] || !std::binary_search(conditioning.begin(), conditioning.end(), block_variants[v])) continue;
        for (std::size_t t = 0; t < n_traits; ++t) {
            AssocResult& result = block.results[v * n_traits + t];
            AssocResult marked;
            marked.n = result.n, marked.a1_freq = result.a1_freq, marked.info = result.info, marked.test = result.test;
            marked.n_cases = result.n_cases, marked.n_controls = result.n_controls;
            marked.a1_freq_cases = result.a1_freq_cases, marked.a1_freq_controls = result.a1_freq_controls;
            marked.error = ErrorCode::conditioning_variant;
            result = marked;
        }
    }
}

// Where a pass's results go, a run of consecutive variants at a time: `first` is the index of the first among the
// selected variants.
using ResultSink = std::function<void(std::size_t first, const BlockResults& block)>;

class AssocPass {
public:
    AssocPass(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
              const AssocSettings& settings, ResultSink sink)
        : genotypes_(genotypes), cohort_(cohort), variants_(variants), settings_(settings),
          threads_(std::max(1, settings.threads)), model_(settings.genetic_model), sink_(std::move(sink)) {}

    // Tests variants [run.first, run.first + run.count) with the tests `make_test` makes.
    void test_run(const VariantBlock& run, const BlockTestFactory& make_test, Progress& progress);

private:
    const GenotypeSource& genotypes_;
    const Cohort& cohort_;
    const std::vector<std::size_t>& variants_;
    const AssocSettings& settings_;
    const std::size_t threads_;
    const GeneticModel model_;
    ResultSink sink_;
    std::size_t blocks_done_ = 0;
};

void AssocPass::test_run(const VariantBlock& run, const BlockTestFactory& make_test, Progress& progress) {
    const std::size_t block_size = block_size_for(cohort_.sample_indices.size());
    const std::size_t n_blocks = (run.count + block_size - 1) / block_size;
    const std::size_t wave = threads_ * 4;
    std::vector<std::unique_ptr<BlockTest>> tests;
    for (std::size_t t = 0; t < threads_; ++t) tests.push_back(make_test());
    std::vector<GenotypeBlock> blocks(threads_), coded(model_ == GeneticModel::additive ? 0 : threads_);
    // Two sets of results: the workers fill one wave while this thread writes the previous one.
    std::vector<BlockResults> results(wave), previous(wave);
    std::size_t previous_first_block = 0, previous_count = 0;
    auto write_previous = [&] {
        for (std::size_t k = 0; k < previous_count; ++k)
            sink_(run.first + (previous_first_block + k) * block_size, previous[k]);
        blocks_done_ += previous_count;
        progress.update(blocks_done_);
    };
    for (std::size_t first_block = 0; first_block < n_blocks; first_block += wave) {
        const std::size_t blocks_now = std::min(wave, n_blocks - first_block);
        auto run_blocks = [&](std::size_t thread) {
            for (std::size_t k = thread; k < blocks_now; k += threads_) {
                std::size_t first = run.first + (first_block + k) * block_size;
                std::size_t count = std::min(block_size, run.first + run.count - first);
                const auto block_variants = std::span(variants_).subspan(first, count);
                genotypes_.read(block_variants, cohort_.sample_indices, blocks[thread]);
                if (coded.empty()) {
                    tests[thread]->run(TestedBlock(blocks[thread]), results[k]);
                } else {
                    // The one place the genetic model enters: every test, statistic and correction sees its coding.
                    coded[thread] = blocks[thread];
                    recode_block(coded[thread], model_);
                    tests[thread]->run(TestedBlock(coded[thread], blocks[thread]), results[k]);
                }
                mark_conditioning(settings_.conditioning_variants, block_variants, results[k]);
            }
        };
        run_in_parallel(threads_, run_blocks, write_previous);
        std::swap(results, previous);
        previous_first_block = first_block;
        previous_count = blocks_now;
    }
    write_previous();
}

// The result files of a run (or of a split run's merge) and what the log says about them.
class ResultRecorder {
public:
    ResultRecorder(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                   const AssocSettings& settings, OutputSet& outputs, RunLog& log);

    void record(std::size_t first, const BlockResults& block);
    // Closes the files, logs the counts and returns the files.
    std::vector<WrittenResult> finish(RunLog& log);

private:
    const GenotypeSource& genotypes_;
    const Cohort& cohort_;
    const std::vector<std::size_t>& variants_;
    const AssocSettings& settings_;
    std::vector<std::unique_ptr<AssocWriter>> writers_;
    std::size_t terms_ = 1;  // rows per variant and trait
    std::size_t filtered_ = 0;
    std::vector<std::map<std::string, std::size_t>> outcome_counts_;  // per trait: rows by test or error code
};

ResultRecorder::ResultRecorder(const GenotypeSource& genotypes, const Cohort& cohort,
                               const std::vector<std::size_t>& variants, const AssocSettings& settings,
                               OutputSet& outputs, RunLog& log)
    : genotypes_(genotypes), cohort_(cohort), variants_(variants), settings_(settings),
      terms_(rows_per_result(settings.multicol)), outcome_counts_(cohort.trait_names.size()) {
    bool index = settings.format != ResultFormat::regenie && sorted_for_index(genotypes, variants);
    if (settings.format != ResultFormat::regenie && !index)
        log.warn("variants are not sorted by chromosome and position; results are written without a tabix index");
    for (std::size_t t = 0; t < cohort.trait_names.size(); ++t)
        writers_.push_back(make_assoc_writer({.out_prefix = settings.out_prefix,
                                              .trait = cohort.trait_names[t],
                                              .format = settings.format,
                                              .binary = cohort.binary,
                                              .t_distribution = !cohort.binary &&
                                                                settings.linear_statistic == LinearStatistic::t,
                                              .info = genotypes.has_dosages(),
                                              .model_test = genetic_model_test(settings.genetic_model),
                                              .index = index,
                                              .gzip = settings.gzip,
                                              .analysis = describe_analysis(cohort, t, settings),
                                              .terms = model_terms(settings.multicol)},
                                             outputs));
    if (settings.write_samples) write_trait_samples(genotypes, cohort, settings, outputs, log);
}

void ResultRecorder::record(std::size_t first, const BlockResults& block) {
    const std::size_t n_traits = writers_.size();
    for (std::size_t v = 0; v < block.kept.size(); ++v) {
        if (!block.kept[v]) {
            ++filtered_;
            continue;
        }
        const Variant& variant = genotypes_.variants()[variants_[first + v]];
        for (std::size_t t = 0; t < n_traits; ++t) {
            const AssocResult* rows = block.results.data() + (v * n_traits + t) * terms_;
            for (std::size_t term = 0; term < terms_; ++term) writers_[t]->write(variant, rows[term], term);
            // A variant's outcome: its first row's (the joint test's error, when it has one, is every row's).
            const AssocResult& result = rows[0];
            const char* outcome = result.error != ErrorCode::none ? error_code_name(result.error)
                                  : result.test == TestKind::linear ? "results"
                                                                    : test_kind_name(result.test);
            ++outcome_counts_[t][outcome];
        }
    }
}

std::vector<WrittenResult> ResultRecorder::finish(RunLog& log) {
    for (auto& writer : writers_) writer->finish();
    const auto& f = settings_.filters;
    log.info(fmt::format("{} variants removed by --maf {} / --mac {} / --geno {}; {} tested", filtered_, f.maf, f.mac,
                         f.geno, variants_.size() - filtered_));
    std::vector<WrittenResult> written;
    for (std::size_t t = 0; t < cohort_.trait_names.size(); ++t) {
        std::string outcomes;
        for (const auto& [name, count] : outcome_counts_[t])
            outcomes += fmt::format("{}{} {}", outcomes.empty() ? "" : ", ", count, name);
        log.info(fmt::format("{}: {} -> {}", cohort_.trait_names[t], outcomes.empty() ? "no rows" : outcomes,
                             writers_[t]->final_path()));
        written.push_back({cohort_.trait_names[t], writers_[t]->final_path(), writers_[t]->temporary_path()});
    }
    return written;
}

// `runs` cut where variants enter or leave non-PAR X, whose tests have their own design (sexchrom/x_test_design).
std::vector<VariantBlock> split_at_x(const std::vector<VariantBlock>& runs, const std::vector<std::size_t>& variants,
                                     const SexChromosomes* rules) {
    if (!rules) return runs;
    std::vector<VariantBlock> split;
    for (const VariantBlock& run : runs)
        for (std::size_t i = run.first; i < run.first + run.count; ++i) {
            const bool x = rules->variant_class(variants[i]) == ChromosomeClass::x_nonpar;
            if (i == run.first || split.back().x_nonpar != x) split.push_back({run.chromosome, i, 0, x});
            ++split.back().count;
        }
    return split;
}

// The runs of variants that share their tests (each chromosome's with step-1 predictions, else one; non-PAR X apart),
// cut to [first, first + count).
std::vector<VariantBlock> test_runs(const GenotypeSource& genotypes, const std::vector<std::size_t>& variants,
                                    bool conditioned, const SexChromosomes* rules, std::size_t first,
                                    std::size_t count) {
    std::vector<VariantBlock> runs;
    const auto whole = conditioned ? make_blocks(genotypes, variants)
                                   : std::vector<VariantBlock>{{0, 0, variants.size()}};
    for (VariantBlock run : split_at_x(whole, variants, rules)) {
        const std::size_t begin = std::max(run.first, first), end = std::min(run.first + run.count, first + count);
        if (begin >= end) continue;
        run.first = begin;
        run.count = end - begin;
        runs.push_back(run);
    }
    return runs;
}

// Tests variants [first, first + count) into `sink`.
void test_variants(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                   const AssocSettings& settings, std::size_t first, std::size_t count, const ResultSink& sink,
                   RunLog& log) {
    require_memory(settings.memory_mib, step2_bytes(cohort, settings),
                   fmt::format("step 2 for {} samples, {} traits and {} threads", cohort.sample_indices.size(),
                               cohort.trait_names.size(), settings.threads));
    AssocPass pass(genotypes, cohort, variants, settings, sink);
    const std::size_t block_size = block_size_for(cohort.sample_indices.size());
    std::size_t total_blocks = 0;
    const auto runs = test_runs(genotypes, variants, settings.predictions != nullptr, settings.sex_chromosomes, first,
                                count);
    for (const auto& run : runs) total_blocks += (run.count + block_size - 1) / block_size;
    if (settings.predictions)
        log.info(settings.predictions->is_whole_genome() ? "Conditioning on the step-1 whole-genome predictions"
                                                         : "Conditioning on the step-1 leave-one-chromosome-out predictions");
    if (settings.genetic_model != GeneticModel::additive)
        log.info(fmt::format("--test {}: the {}; allele frequencies, INFO and the variant filters stay those of the "
                             "additive coding", genetic_model_name(settings.genetic_model),
                             describe_genetic_model(settings.genetic_model)));
    Progress progress("Association: variant block", total_blocks);
    std::size_t tested = 0;
    for (const auto& run : runs) {
        const bool first_run = &run == &runs.front();
        pass.test_run(run,
                      settings.multicol.active() ? prepare_multicol_tests(cohort, settings, run, first_run, log)
                      : cohort.binary            ? prepare_logistic_tests(cohort, settings, run, first_run, log)
                                                 : prepare_linear_tests(cohort, settings, run, first_run, log),
                      progress);
        tested += run.count;
        // A killed run's log shows how far step 2 got.
        if (runs.size() > 1)
            log.detail(fmt::format("Association: chromosome {} done ({} variants; {}/{} variants so far)",
                                   run.chromosome, run.count, tested, count));
    }
}

}  // namespace

std::vector<WrittenResult> run_step2(const GenotypeSource& genotypes, const Cohort& cohort,
                                     const std::vector<std::size_t>& variants, const AssocSettings& settings,
                                     OutputSet& outputs, RunLog& log) {
    ResultRecorder recorder(genotypes, cohort, variants, settings, outputs, log);
    test_variants(genotypes, cohort, variants, settings, 0, variants.size(),
                  [&recorder](std::size_t first, const BlockResults& block) { recorder.record(first, block); }, log);
    return recorder.finish(log);
}

std::vector<VariantBlock> step2_units(const GenotypeSource& genotypes, const Cohort& cohort,
                                      const std::vector<std::size_t>& variants, const AssocSettings& settings) {
    const std::size_t block_size = block_size_for(cohort.sample_indices.size());
    std::vector<VariantBlock> units;
    for (const VariantBlock& run : test_runs(genotypes, variants, settings.predictions != nullptr,
                                             settings.sex_chromosomes, 0, variants.size()))
        for (std::size_t first = run.first; first < run.first + run.count; first += block_size)
            units.push_back({run.chromosome, first, std::min(block_size, run.first + run.count - first), run.x_nonpar});
    return units;
}

void run_step2_part(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                    const AssocSettings& settings, const Step2Part& part, RunLog& log) {
    Step2PartWriter writer = part.stream ? Step2PartWriter(part.path, part.stream, part.shape)
                                         : Step2PartWriter(part.path, part.shape);
    test_variants(genotypes, cohort, variants, settings, part.shape.first, part.shape.count,
                  [&writer](std::size_t, const BlockResults& block) { writer.append(block); }, log);
    writer.finish(log.times());
}

std::vector<WrittenResult> merge_step2_parts(const GenotypeSource& genotypes, const Cohort& cohort,
                                             const std::vector<std::size_t>& variants, const AssocSettings& settings,
                                             const std::vector<Step2Part>& parts, OutputSet& outputs, RunLog& log) {
    ResultRecorder recorder(genotypes, cohort, variants, settings, outputs, log);
    RunTimes sum;
    for (const Step2Part& part : parts) {
        const auto replay = [&recorder](std::size_t first, const BlockResults& rows) { recorder.record(first, rows); };
        std::string received;
        const RunTimes times = part.receive ? read_step2_part(open_bytes(received = part.receive()).get(), part.path,
                                                              part.shape, replay)
                                            : read_step2_part(part.path, part.shape, replay);
        sum.wall += times.wall;
        sum.cpu += times.cpu;
    }
    log.info(fmt::format("Association results read from {} {}; the parts took {:.2f} s real, {:.2f} s CPU time in all",
                         parts.size(), parts[0].receive ? "ranks" : "part files", sum.wall, sum.cpu));
    return recorder.finish(log);
}

}  // namespace ridgeway
