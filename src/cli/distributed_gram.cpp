#include "cli/distributed_gram.hpp"

#include <algorithm>

#include "cluster/part_exchange.hpp"

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
                TrainingGram::write_tiles(train, settings.precision, settings.threads, mine, stream);
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

}  // namespace ridgeway
