#include "step1/level0.hpp"

#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/memory_stream.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"
#include "step1/level0_checkpoint.hpp"
#include "step1/ridge_cv.hpp"
#include "step1/standardized_block.hpp"
#include "step1/standardized_gram.hpp"

namespace ridgeway {

namespace {

// Puts a block's predictions (trait by trait, each rows x penalties) into the store, and its dropped count.
Level0Checkpoint::RestoreBlock restore_into(PredictionStore& store, std::vector<std::size_t>& dropped, std::size_t n,
                                            std::size_t p, std::size_t r) {
    return [&store, &dropped, n, p, r](std::size_t b, std::uint64_t count, const std::vector<double>& values) {
        dropped[b] = count;
        for (std::size_t t = 0; t < p; ++t) store.put(t, b * r, r, values.data() + t * n * r);
    };
}

}  // namespace

std::size_t run_level0(const Level0Input& input, PredictionStore* store, SpdSolveTally& solves, RunLog& log) {
    const std::size_t n = input.traits.rows(), p = input.traits.cols(), r = input.penalties.size();
    const std::size_t n_blocks = input.blocks.size();
    const std::size_t begin = input.first_block, end = std::min(input.end_block, n_blocks);
    std::vector<std::size_t> dropped(n_blocks, 0);

    // Threads take whole blocks: each block's columns depend only on its own data, so W is the same for any count.
    const auto threads = static_cast<std::size_t>(std::max(1, input.threads));
    std::optional<Level0Checkpoint> checkpoint;
    const CheckpointShape shape{input.checkpoint_fingerprint, n, p, n_blocks, r};
    if (input.part_stream != nullptr) {
        checkpoint.emplace(input.checkpoint_path, input.part_stream, shape);
    } else if (!input.checkpoint_path.empty()) {
        std::string note;
        checkpoint.emplace(input.checkpoint_path, shape, input.resume,
                           store ? restore_into(*store, dropped, n, p, r) : Level0Checkpoint::RestoreBlock{}, note);
        if (!note.empty()) log.info(note);
    }
    const std::size_t restored = checkpoint ? checkpoint->restored() : 0;
    Progress progress("Level 0: block", end - begin, restored);
    std::vector<std::vector<Matrix>> finished(threads);  // per block of a wave, per trait: its columns of W
    std::vector<SpdSolveTally> wave_solves(threads);     // per block of a wave
    for (std::size_t first = begin + restored; first < end; first += threads) {
        const std::size_t last = std::min(first + threads, end);
        auto work = [&](std::size_t b) {
            wave_solves[b - first] = SpdSolveTally();
            std::vector<Matrix>& kept = finished[b - first];
            kept.assign(p, Matrix());
            const VariantBlock& block = input.blocks[b];
            GenotypeBlock calls;
            input.genotypes.read(std::span(input.variants).subspan(block.first, block.count), input.sample_indices, calls);
            StandardizedBlock x;
            standardize_block(calls, input.covariate_basis, x);
            dropped[b] = x.dropped;
            Matrix columns(n, r);  // one trait's predictions for this block, one column per penalty
            if (x.x.cols() == 0) {
                for (std::size_t t = 0; t < p; ++t) {
                    if (store) store->put(t, b * r, r, columns.data());
                    if (checkpoint) kept[t] = columns;
                }
                return;
            }
            // On the K-fold primal path the fold Grams of calls come from their exact integer Gram; dosages are not
            // integers, so their fold Grams are FP64 products of the standardized block.
            std::optional<StandardizedGram> exact;
            FoldGramSource fold_gram;
            if (!calls.with_dosages && !input.folds.empty() && !uses_dual_form(input.folds, n, x.x.cols())) {
                exact.emplace(std::move(calls), x, input.covariate_basis, input.precision);
                fold_gram = [&exact](const Fold& fold) { return exact->fold_gram(fold); };
            }
            RidgeCvResult fit;
            ridge_cv(x.x, input.traits, input.folds, input.penalties, input.precision, false, fit, fold_gram);
            wave_solves[b - first] = fit.solves;
            for (std::size_t t = 0; t < p; ++t) {
                for (std::size_t l = 0; l < r; ++l)
                    std::copy(fit.predictions[l].column(t), fit.predictions[l].column(t) + n, columns.column(l));
                if (store) store->put(t, b * r, r, columns.data());
                if (checkpoint) kept[t] = columns;
            }
        };
        run_in_parallel(last - first, [&](std::size_t k) { work(first + k); });
        for (std::size_t k = 0; k < last - first; ++k) solves.add(wave_solves[k]);
        if (checkpoint)
            for (std::size_t b = first; b < last; ++b) checkpoint->append(b, dropped[b], finished[b - first]);
        progress.update(last - begin);
        for (std::size_t b = first; b < last; ++b)
            log.detail(fmt::format("Level 0 block {}/{}: chromosome {}, {} variants ({} near-constant dropped)", b + 1,
                                   n_blocks, input.blocks[b].chromosome, input.blocks[b].count, dropped[b]));
    }
    if (input.part) checkpoint->finish(log.times());
    std::size_t total = 0;
    for (std::size_t d : dropped) total += d;
    return total;
}

RestoredLevel0 restore_level0_parts(const std::vector<Level0Part>& parts, const CheckpointShape& shape,
                                    PredictionStore& store) {
    std::vector<std::size_t> dropped(shape.blocks, 0);
    RestoredLevel0 restored;
    for (const Level0Part& part : parts) {
        const auto restore = restore_into(store, dropped, shape.rows, shape.traits, shape.penalties);
        const std::size_t end = part.first_block + part.block_count;
        CheckpointContents found;
        if (part.receive) {
            std::string bytes = part.receive();
            found = Level0Checkpoint::read(open_bytes(bytes).get(), shape, part.first_block, end, restore);
        } else {
            found = Level0Checkpoint::read(part.path, shape, part.first_block, end, restore);
        }
        if (!found.opened)
            throw Error(ErrorKind::cannot_open, part.path + ": part file missing (run this part with --run-part first)");
        if (!found.matches)
            throw Error(ErrorKind::inconsistent,
                        part.path + ": computed with other options or input files than the plan; run the part again");
        if (found.blocks != part.block_count || !found.finished)
            throw Error(ErrorKind::malformed, fmt::format("{}: holds {} of the part's {} level-0 blocks{}; run the part again",
                                                          part.path, found.blocks, part.block_count,
                                                          found.finished ? "" : " and no closing record"));
        restored.part_times.wall += found.finished->wall;
        restored.part_times.cpu += found.finished->cpu;
    }
    for (std::size_t d : dropped) restored.dropped += d;
    return restored;
}

}  // namespace ridgeway
