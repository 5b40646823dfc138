#include "cli/distributed_gram.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cluster/part_exchange.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "core/stopwatch.hpp"
#include "predict/gram_part_file.hpp"

namespace ridgeway {

GramMaker gram_maker(Communicator& communicator, const KernelRidgeSettings& settings, RunLog& log) {
    if (communicator.size() == 1)
        return [&settings](const GenotypeTable& train) {
            return std::make_optional<TrainingGram>(train, settings.precision, settings.threads);
        };
    return [&communicator, &settings, &log](const GenotypeTable& train) -> std::optional<TrainingGram> {
        const std::vector<std::size_t> products = TrainingGram::tile_products(train.n_samples);
        const std::vector<PartRange> parts =
            balanced_parts(products, std::min<std::size_t>(communicator.size(), products.size()));
        PartExchange exchange(communicator, parts.size(), communicator.tally());
        if (exchange.has_part()) {
            const PartRange mine = parts[communicator.rank()];
            exchange.compute(mine.count, [&](std::FILE* stream) {
                const bool written = TrainingGram::write_tiles(train, settings.precision, settings.threads, mine, stream);
                if (std::fclose(stream) != 0 || !written)
                    throw Error(ErrorKind::resources, "could not hold this rank's training products in memory");
            });
        }
        if (communicator.rank() != 0) {
            exchange.send();
            return std::nullopt;
        }
        std::optional<TrainingGram> gram(std::in_place, train.n_samples, train.dosage, parts,
                                         [&exchange](std::size_t part) { return exchange.take(part); });
        exchange.log_ranks(log, "training-product tiles");
        return gram;
    };
}

GramMaker split_gram_maker(const SplitRun& split, const SplitPlan& plan, const KernelRidgeSettings& settings,
                           OutputSet& outputs, RunLog& log) {
    return [&split, &plan, &settings, &outputs, &log](const GenotypeTable& train) -> std::optional<TrainingGram> {
        const std::size_t value_bytes = train.dosage ? sizeof(double) : sizeof(std::int32_t);
        const std::vector<std::size_t> products = TrainingGram::tile_products(train.n_samples);
        auto shape = [&](std::size_t part) {  // from 0
            return GramPartShape{split.fingerprint, train.n_samples, train.dosage, plan.parts[part].first,
                                 plan.parts[part].count};
        };
        if (split.mode == SplitMode::part) {
            const std::size_t part = split.part - 1;
            const PartRange tiles = plan.parts[part];
            log.info(fmt::format("Part {} of {}: training-product tiles {} to {} of {} ({} products) with {} threads",
                                 split.part, plan.parts.size(), tiles.first + 1, tiles.first + tiles.count, plan.total,
                                 range_weight(products, tiles), settings.threads));
            Stopwatch start;
            write_gram_part(outputs.add(split.part_path(split.part, "gram")), shape(part), [&](std::FILE* file) {
                return TrainingGram::write_tiles(train, settings.precision, settings.threads, tiles, file);
            });
            log.info(fmt::format("Part {} computed in {:.3f} s", split.part, start.seconds()));
            return std::nullopt;
        }
        Stopwatch start;
        std::optional<TrainingGram> gram(std::in_place, train.n_samples, train.dosage, plan.parts, [&](std::size_t part) {
            return read_gram_part(split.part_path(part + 1, "gram"), shape(part),
                                  range_weight(products, plan.parts[part]) * value_bytes);
        });
        log.info(fmt::format("Training products read from {} part files in {:.3f} s", plan.parts.size(), start.seconds()));
        return gram;
    };
}

}  // namespace ridgeway
