#include "cluster/level1_exchange.hpp"

#include <algorithm>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "cluster/message_bytes.hpp"
#include "core/run_log.hpp"
#include "core/stopwatch.hpp"

namespace ridgeway {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

int owner(std::size_t trait, int ranks) { return static_cast<int>(trait % static_cast<std::size_t>(ranks)); }

std::string matrix_bytes(const Matrix& w) {
    MessageWriter out;
    out.matrix(w);
    return out.take();
}

Matrix matrix_from(std::string_view bytes) {
    MessageReader in(bytes, "a trait's level-0 predictions sent by rank 0");
    Matrix w = in.matrix();
    in.expect_end();
    return w;
}

void write_vector(MessageWriter& out, const std::vector<double>& values) {
    out.count(values.size());
    out.raw(values.data(), values.size());
}

std::vector<double> read_vector(MessageReader& in) {
    std::vector<double> values(in.count());
    in.raw(values.data(), values.size());
    return values;
}

static_assert(std::is_trivially_copyable_v<SpdSolveTally>, "the solves' tally is sent as its bytes");

// A fit and the seconds it took.
std::string fit_bytes(const TraitLevel1& trait, double seconds) {
    MessageWriter out;
    write_vector(out, trait.level0_r2);
    write_vector(out, trait.fit.penalties);
    write_vector(out, trait.fit.cv_r2);
    out.count(trait.fit.chosen);
    out.matrix(trait.fit.loco);
    write_vector(out, trait.fit.whole_genome);
    out.raw(&trait.fit.solves, 1);  // counts and doubles only
    out.raw(&seconds, 1);
    return out.take();
}

TraitLevel1 fit_from(std::string_view bytes, int rank, double& seconds) {
    MessageReader in(bytes, fmt::format("a level-1 fit sent by rank {}", rank));
    TraitLevel1 trait;
    trait.level0_r2 = read_vector(in);
    trait.fit.penalties = read_vector(in);
    trait.fit.cv_r2 = read_vector(in);
    trait.fit.chosen = in.count();
    trait.fit.loco = in.matrix();
    trait.fit.whole_genome = read_vector(in);
    in.raw(&trait.fit.solves, 1);
    in.raw(&seconds, 1);
    in.expect_end();
    return trait;
}

}  // namespace

Level1Scheduler level1_over_ranks(Communicator& communicator, RunLog& log) {
    return [&communicator, &log](std::size_t traits, const std::function<Matrix(std::size_t)>& take_w,
                                 const Level1Fitter& fit) {
        const int ranks = communicator.size();
        const TransferTally before = communicator.tally();
        std::vector<TraitLevel1> fits(traits);
        std::vector<double> seconds(static_cast<std::size_t>(ranks), 0.0);
        std::vector<std::size_t> fitted(static_cast<std::size_t>(ranks), 0);
        const auto round = static_cast<std::size_t>(ranks);  // traits per round, one per rank
        for (std::size_t first = 0; first < traits; first += round) {
            const std::size_t end = std::min(traits, first + round);
            for (std::size_t t = first + 1; t < end; ++t) communicator.send_to(owner(t, ranks), matrix_bytes(take_w(t)));
            const Stopwatch clock;
            fits[first] = fit(first, take_w(first));
            seconds[0] += clock.seconds();
            ++fitted[0];
            for (std::size_t t = first + 1; t < end; ++t) {
                const int rank = owner(t, ranks);
                double took = 0;
                fits[t] = fit_from(communicator.receive_from(rank), rank, took);
                seconds[static_cast<std::size_t>(rank)] += took;
                ++fitted[static_cast<std::size_t>(rank)];
            }
        }
        const TransferTally moved = tally_between(before, communicator.tally());
        log.info(fmt::format("Level 1 over {} ranks (trait t on rank t mod {}): rank 0 sent {:.1f} MiB of level-0 "
                             "predictions and received {:.1f} MiB of fits, waiting {:.2f} s",
                             ranks, ranks, static_cast<double>(moved.bytes_sent) / kMiB,
                             static_cast<double>(moved.bytes_received) / kMiB, moved.wait_seconds));
        for (int rank = 0; rank < ranks; ++rank) {
            const auto r = static_cast<std::size_t>(rank);
            if (fitted[r] == 0) log.info(fmt::format("  rank {}: no trait to fit", rank));
            else
                log.info(fmt::format("  rank {}: {} trait{} fitted in {:.2f} s", rank, fitted[r],
                                     fitted[r] == 1 ? "" : "s", seconds[r]));
        }
        return fits;
    };
}

void fit_level1_for_root(Communicator& communicator, std::size_t traits, const Level1Fitter& fit) {
    const int ranks = communicator.size();
    for (auto t = static_cast<std::size_t>(communicator.rank()); t < traits; t += static_cast<std::size_t>(ranks)) {
        Matrix w = matrix_from(communicator.receive_from(0));
        const Stopwatch clock;
        const TraitLevel1 trait = fit(t, std::move(w));
        communicator.send_to_root(fit_bytes(trait, clock.seconds()));
    }
}

}  // namespace ridgeway
