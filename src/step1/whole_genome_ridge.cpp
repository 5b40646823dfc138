#include "step1/whole_genome_ridge.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/memory_budget.hpp"
#include "core/run_log.hpp"
#include "assoc/logistic_null.hpp"
#include "linalg/genotype_products.hpp"
#include "linalg/orthonormal_basis.hpp"
#include "step1/folds.hpp"
#include "step1/level0.hpp"
#include "step1/level1.hpp"
#include "step1/ridge_cv.hpp"
#include "step1/trait_scaling.hpp"

namespace ridgeway {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Mean over blocks of the squared correlation between a penalty's level-0 predictions and the trait.
std::vector<double> level0_r2(const Matrix& w, const std::vector<double>& y, const std::vector<bool>& observed,
                              std::size_t n_penalties) {
    std::vector<double> sums(n_penalties, 0.0);
    const std::size_t n_blocks = w.cols() / n_penalties;
    for (std::size_t j = 0; j < w.cols(); ++j) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, count = 0;
        for (std::size_t i = 0; i < w.rows(); ++i) {
            if (!observed[i]) continue;
            const double x = w(i, j);
            sx += x, sy += y[i], sxx += x * x, syy += y[i] * y[i], sxy += x * y[i], ++count;
        }
        const double cxx = sxx - sx * sx / count, cyy = syy - sy * sy / count, cxy = sxy - sx * sy / count;
        if (cxx > 0 && cyy > 0) sums[j % n_penalties] += cxy * cxy / (cxx * cyy);
    }
    for (double& sum : sums) sum /= static_cast<double>(n_blocks);
    return sums;
}

// Bytes level 0 needs besides W, per thread: the block (its calls and one standardized copy), the total Gram, one
// fold's, its exact integer product and the factor, the cross-validated predictions; the dual form adds kernel copies
// of the sample count squared, leave-one-out a triangular solve of the block's size.
std::size_t level0_workspace(std::size_t n, std::size_t block, bool leave_one_out, std::size_t traits, bool dual) {
    const std::size_t grams = 5 * block * block;
    const std::size_t kernel = dual ? 3 * n * n : 0;
    const std::size_t hat = leave_one_out ? n * block : 0;
    return n * block + 8 * (n * block + grams + kernel + hat + 6 * n * traits);
}

// Whether W fits in memory for every trait at once; a budget that cannot hold even one trait's is an error.
bool keep_predictions_in_memory(const Step1Settings& settings, std::size_t n, std::size_t columns, std::size_t traits,
                                std::size_t workspace, RunLog& log) {
    const std::size_t per_trait = PredictionStore::bytes_per_trait(n, columns);
    const std::size_t held = resident_bytes();
    // Level 1 adds, for the trait it fits, a training copy of W.
    const std::size_t all = held + (traits + 1) * per_trait + workspace;
    const std::size_t streamed = held + 2 * per_trait + workspace;
    constexpr double kMiB = 1024.0 * 1024.0;
    const bool fits = settings.memory_mib == 0 || all <= settings.memory_mib * (1ULL << 20);
    if (fits && !settings.stream_level0) {
        log.info(fmt::format("Level-0 predictions: {:.1f} MiB for {} trait(s), kept in memory (estimated peak {:.0f} MiB)",
                             traits * per_trait / kMiB, traits, all / kMiB));
        return true;
    }
    if (settings.memory_mib > 0 && streamed > settings.memory_mib * (1ULL << 20))
        throw Error(ErrorKind::resources,
                    fmt::format("--memory {}: step 1 needs at least {:.0f} MiB for {} samples with --bsize {} (one trait's "
                                "level-0 predictions plus {} thread workspaces); raise --memory or lower --bsize/--threads",
                                settings.memory_mib, streamed / kMiB, n, settings.block_size, settings.threads));
    log.info(fmt::format("Level-0 predictions ({:.1f} MiB) {}: they stream through a temporary file {}-level0-* "
                         "and level 1 reads one trait at a time (estimated peak {:.0f} MiB)",
                         traits * per_trait / kMiB,
                         fits ? std::string("on disk as --level0-on-disk asks")
                              : fmt::format("exceed --memory {} MiB", settings.memory_mib),
                         settings.spill_prefix, streamed / kMiB));
    return false;
}

// A case/control trait as 0/1 per cohort row (0 where missing; such rows are left out by `observed`).
std::vector<double> case_control_values(const Cohort& cohort, std::size_t trait) {
    std::vector<double> y(cohort.traits.rows());
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = std::isnan(cohort.traits(i, trait)) ? 0.0 : cohort.traits(i, trait);
    return y;
}

// The covariates-only linear predictor of a trait per cohort row (0 where missing).
std::vector<double> covariate_offset(const LogisticNullSet& nulls, std::size_t trait, std::size_t n) {
    std::vector<double> offset(n, 0.0);
    const LogisticNull& null = nulls.traits[trait];
    for (std::size_t k = 0; k < null.rows.size(); ++k) offset[null.rows[k]] = null.eta[k];
    return offset;
}

}  // namespace

namespace {

// What both levels work on, and what level 0's blocks are computed from.
struct Step1Problem {
    std::size_t n = 0, p = 0;
    Matrix basis;
    ScaledTraits scaled;
    std::vector<VariantBlock> blocks;
    std::vector<double> penalties;
    std::vector<Fold> folds;
    bool dual = false;
};

// `announce`: log the problem's line (rank 0 of a distributed run logged it for its own part already).
Step1Problem prepare_step1(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                           const Step1Settings& settings, bool announce, RunLog& log) {
    Step1Problem problem;
    const std::size_t n = problem.n = cohort.sample_indices.size();
    problem.p = cohort.trait_names.size();
    if (settings.folds == 1 || settings.folds > n)
        throw Error(ErrorKind::usage, fmt::format("--cv {}: needs 2 to {} folds", settings.folds, n));
    if (settings.folds == 0 && cohort.binary)
        throw Error(ErrorKind::usage, "--loocv is not available for case/control traits; use --cv K");
    problem.basis = intercept_and_covariates_basis(cohort.covariates);
    problem.scaled = scale_traits(cohort);
    problem.blocks = make_blocks(genotypes, variants, settings.block_size);
    problem.penalties = heritability_penalties(variants.size());
    if (settings.folds != 0) problem.folds = make_folds(n, settings.folds);
    if (announce)
        log.info(fmt::format("Step 1: {} variants in {} blocks of at most {}; {}; level-0 penalties {:.4g} (h2 0.01 .. 0.99)",
                             variants.size(), problem.blocks.size(), settings.block_size,
                             problem.folds.empty() ? std::string("leave-one-out cross-validation")
                                                   : fmt::format("{}-fold cross-validation (contiguous folds)", problem.folds.size()),
                             fmt::join(problem.penalties, ", ")));
    problem.dual = uses_dual_form(problem.folds, n, std::min(settings.block_size, variants.size()));
    return problem;
}

Level0Input level0_input(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                         const Step1Settings& settings, const Step1Problem& problem, RunLog& log) {
    if (settings.level0_parts.empty()) {
        if (problem.dual) log.info("Fewer training samples than variants per block: level 0 solves the N x N dual systems");
        else if (!problem.folds.empty())
            log.info("Level-0 fold Grams: exact products of the 0/1/2 calls, " + product_route(settings.precision));
    }
    return {genotypes, cohort.sample_indices, variants, problem.blocks, problem.basis, problem.scaled.values,
            problem.folds, problem.penalties, settings.threads, settings.checkpoint_path,
            settings.checkpoint_fingerprint, settings.resume, settings.precision};
}

void log_level0_solves(const Step1Settings& settings, const Step1Problem& problem, const SpdSolveTally& solves,
                       RunLog& log) {
    log.info(fmt::format("Level-0 ridge solves, --precision {}: {}{}", precision_name(settings.precision),
                         solves.describe(settings.precision),
                         problem.folds.empty() ? " (leave-one-out keeps FP64 Cholesky: the hat-matrix diagonals need the factor)"
                                               : ""));
}

void warn_dropped(std::size_t dropped, RunLog& log) {
    if (dropped > 0)
        log.warn(fmt::format("{} near-constant variants (variance below 1e-6 after the covariates) left out of step 1",
                             dropped));
}

// The LOCO predictions' columns (loco_predictions.hpp): 1-23 and the blocks' other chromosomes.
std::vector<int> block_chromosomes(const std::vector<VariantBlock>& blocks) {
    std::vector<int> fitted;
    for (const auto& block : blocks) fitted.push_back(block.chromosome);
    return loco_chromosomes(fitted);
}

// What level 1 needs besides each trait's W, kept by the fitter.
struct Level1Context {
    const Cohort& cohort;
    Step1Problem problem;
    Precision precision;
    int threads;
    std::vector<int> column_chromosome;  // of each level-0 column
    std::vector<int> chromosomes;        // the LOCO columns, increasing
    LogisticNullSet nulls;               // case/control traits: level 1 is offset by the covariates-only fit
};

// A copy of `problem` (its matrices are N x covariates and N x traits, small beside W) stays with the fitter.
Level1Fitter make_level1_fitter(const Cohort& cohort, const Step1Problem& problem, const Step1Settings& settings) {
    auto context = std::make_shared<Level1Context>(
        Level1Context{cohort, problem, settings.precision, settings.threads, {}, {}, {}});
    for (const auto& block : context->problem.blocks)
        for (std::size_t l = 0; l < context->problem.penalties.size(); ++l)
            context->column_chromosome.push_back(block.chromosome);
    context->chromosomes = block_chromosomes(context->problem.blocks);
    if (cohort.binary) {
        context->nulls = fit_logistic_nulls(cohort.traits, cohort.covariates, {}, false);
        for (std::size_t t = 0; t < cohort.trait_names.size(); ++t)
            if (!context->nulls.traits[t].usable)
                throw Error(ErrorKind::numerical, "trait " + cohort.trait_names[t] +
                                                      ": the covariates-only logistic model does not converge (do the "
                                                      "covariates separate cases from controls?)");
    }
    return [context](std::size_t t, Matrix w) {
        const Level1Context& c = *context;
        const std::size_t n = c.problem.n;
        const ScaledTraits& scaled = c.problem.scaled;
        std::vector<double> y(scaled.values.column(t), scaled.values.column(t) + n);
        TraitLevel1 result;
        result.level0_r2 = level0_r2(w, y, scaled.observed[t], c.problem.penalties.size());
        const Level1Layout layout{c.column_chromosome, c.chromosomes, c.problem.folds};
        result.fit = c.cohort.binary
                         ? fit_level1_logistic(std::move(w), case_control_values(c.cohort, t), scaled.observed[t],
                                               covariate_offset(c.nulls, t, n), layout, c.threads)
                         : fit_level1(std::move(w), y, scaled.observed[t], layout, c.precision, c.threads);
        return result;
    };
}

// Level 1 in this process: one trait after another, each W taken just before its fit.
std::vector<TraitLevel1> fit_every_trait_here(std::size_t traits, const std::function<Matrix(std::size_t)>& take_w,
                                              const Level1Fitter& fit) {
    std::vector<TraitLevel1> fits;
    for (std::size_t t = 0; t < traits; ++t) fits.push_back(fit(t, take_w(t)));
    return fits;
}

}  // namespace

void run_step1_part(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                    const Step1Settings& settings, std::size_t first_block, std::size_t end_block, RunLog& log) {
    const auto start = std::chrono::steady_clock::now();
    const Step1Problem problem = prepare_step1(genotypes, cohort, variants, settings, true, log);
    Level0Input input = level0_input(genotypes, cohort, variants, settings, problem, log);
    input.first_block = first_block;
    input.end_block = end_block;
    input.part = true;
    input.part_stream = settings.part_stream;
    const std::size_t part_variants = problem.blocks[end_block - 1].first + problem.blocks[end_block - 1].count -
                                      problem.blocks[first_block].first;
    log.info(fmt::format("This part: level-0 blocks {} to {} of {} ({} variants, chromosome {} to {})", first_block + 1,
                         end_block, problem.blocks.size(), part_variants, problem.blocks[first_block].chromosome,
                         problem.blocks[end_block - 1].chromosome));
    SpdSolveTally solves;
    warn_dropped(run_level0(input, nullptr, solves, log), log);
    log.info(fmt::format("Level 0 of this part done in {:.2f} s", seconds_since(start)));
    log_level0_solves(settings, problem, solves, log);
}

Level1Fitter level1_fitter(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                           const Step1Settings& settings, RunLog& log) {
    return make_level1_fitter(cohort, prepare_step1(genotypes, cohort, variants, settings, false, log), settings);
}

LocoPredictions run_step1(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                          const Step1Settings& settings, RunLog& log) {
    const auto start = std::chrono::steady_clock::now();
    const bool from_ranks = !settings.level0_parts.empty() && settings.level0_parts[0].receive;
    const Step1Problem problem = prepare_step1(genotypes, cohort, variants, settings, !from_ranks, log);
    const std::size_t n = problem.n, p = problem.p;
    const std::vector<VariantBlock>& blocks = problem.blocks;
    const std::vector<double>& penalties = problem.penalties;
    const std::vector<Fold>& folds = problem.folds;

    const std::size_t workspace =
        static_cast<std::size_t>(std::max(1, settings.threads)) *
        level0_workspace(n, std::min(settings.block_size, variants.size()), folds.empty(), p, problem.dual);
    const std::size_t columns = blocks.size() * penalties.size();
    PredictionStore store(p, n, columns, keep_predictions_in_memory(settings, n, columns, p, workspace, log),
                          settings.spill_prefix);
    if (settings.level0_parts.empty()) {
        const Level0Input input = level0_input(genotypes, cohort, variants, settings, problem, log);
        SpdSolveTally level0_solves;
        warn_dropped(run_level0(input, &store, level0_solves, log), log);
        log.info(fmt::format("Level 0 done in {:.2f} s", seconds_since(start)));
        log_level0_solves(settings, problem, level0_solves, log);
    } else {
        const RestoredLevel0 restored = restore_level0_parts(
            settings.level0_parts, {settings.checkpoint_fingerprint, n, p, blocks.size(), penalties.size()}, store);
        warn_dropped(restored.dropped, log);
        log.info(fmt::format("Level 0: {} blocks read from {} {} in {:.2f} s; the parts took {:.2f} s real, "
                             "{:.2f} s CPU time in all",
                             blocks.size(), settings.level0_parts.size(),
                             settings.level0_parts[0].receive ? "ranks" : "part files", seconds_since(start),
                             restored.part_times.wall, restored.part_times.cpu));
    }

    const Level1Fitter fit = make_level1_fitter(cohort, problem, settings);
    const auto take_w = [&store](std::size_t t) { return store.take(t); };
    std::vector<TraitLevel1> fits = settings.level1_scheduler ? settings.level1_scheduler(p, take_w, fit)
                                                              : fit_every_trait_here(p, take_w, fit);
    LocoPredictions predictions;
    predictions.trait_names = cohort.trait_names;
    predictions.chromosomes = block_chromosomes(blocks);
    SpdSolveTally level1_solves;
    for (std::size_t t = 0; t < p; ++t) {
        Level1Fit& trait_fit = fits[t].fit;
        log.info(fmt::format("{}: level 0 mean cross-validated R2 per penalty: {:.4f}", cohort.trait_names[t],
                             fmt::join(fits[t].level0_r2, " ")));
        level1_solves.add(trait_fit.solves);
        log.info(fmt::format("{}: level 1 {} per penalty ({:.4g}): {:.4f}; chosen penalty {:.4g} ({:.4f})",
                             cohort.trait_names[t],
                             cohort.binary ? "ridge logistic, cross-validated deviance R2" : "cross-validated R2",
                             fmt::join(trait_fit.penalties, ", "), fmt::join(trait_fit.cv_r2, " "),
                             trait_fit.penalties[trait_fit.chosen], trait_fit.cv_r2[trait_fit.chosen]));
        predictions.values.push_back(std::move(trait_fit.loco));
        predictions.whole_genome.push_back(std::move(trait_fit.whole_genome));
    }
    if (cohort.binary)
        log.info("Level-1 solves: FP64 Cholesky for the ridge logistic Newton steps (one unknown per level-0 column, too "
                 "few for FP32 factors to pay off)");
    else
        log.info(fmt::format("Level-1 ridge solves, --precision {}: {}", precision_name(settings.precision),
                             level1_solves.describe(settings.precision)));
    log.info(fmt::format("{} done in {:.2f} s", settings.level0_parts.empty() ? "Step 1" : "Merge and level 1",
                         seconds_since(start)));
    return predictions;
}

}  // namespace ridgeway
