#include "sim/genotype_pass.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <span>
#include <thread>

#include "core/progress.hpp"
#include "io/plink1/bed_codes.hpp"
#include "io/plink1/bed_writer.hpp"
#include "sim/haplotype_model.hpp"

namespace ridgeway {

namespace {

// Whose turn it is to write: chromosome indices in order. Only the thread holding the turn touches the writer; the
// hand-over through the mutex orders its writes before the next holder's.
class WritingTurns {
public:
    bool is_turn(std::size_t chromosome) const { return turn_.load() == chromosome; }
    // False when the pass was aborted instead.
    bool wait_for(std::size_t chromosome) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return turn_.load() == chromosome || aborted_; });
        return !aborted_;
    }
    void pass(std::size_t chromosome) {
        {
            std::lock_guard lock(mutex_);
            turn_.store(chromosome + 1);
        }
        changed_.notify_all();
    }
    void abort(std::exception_ptr error) {
        {
            std::lock_guard lock(mutex_);
            if (!aborted_) first_error_ = error;
            aborted_ = true;
        }
        changed_.notify_all();
    }
    bool aborted() {
        std::lock_guard lock(mutex_);
        return aborted_;
    }
    void rethrow() const {
        if (first_error_) std::rethrow_exception(first_error_);
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::atomic<std::size_t> turn_{0};
    bool aborted_ = false;
    std::exception_ptr first_error_;
};

void decode_calls(std::span<const std::uint8_t> bytes, std::vector<std::int8_t>& calls) {
    for (std::size_t s = 0; s < calls.size(); ++s) calls[s] = kBedCodeToA1Count[(bytes[s / 4] >> (2 * (s % 4))) & 3];
}

class GenotypePass {
public:
    GenotypePass(const std::vector<SimulatedChromosome>& chromosomes, const GenotypePassSettings& settings,
                 BedWriter& writer, CausalCalls& causal_calls)
        : chromosomes_(chromosomes), settings_(settings), writer_(writer), causal_calls_(causal_calls),
          width_((settings.n_samples + 3) / 4), progress_("simulate: chromosome", chromosomes.size()) {}

    void run() {
        const unsigned threads = std::clamp<unsigned>(settings_.threads, 1, static_cast<unsigned>(chromosomes_.size()));
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back([this] { work(); });
        work();
        for (auto& thread : pool) thread.join();
        turns_.rethrow();
    }

private:
    void work() {
        try {
            for (std::size_t c = next_chromosome_++; c < chromosomes_.size() && !turns_.aborted(); c = next_chromosome_++)
                if (!make_chromosome(c)) return;
        } catch (...) {
            turns_.abort(std::current_exception());
        }
    }

    // False when the pass was aborted by another thread.
    bool make_chromosome(std::size_t c) {
        const SimulatedChromosome& chromosome = chromosomes_[c];
        const auto stream = random_stream::kGenotypes + static_cast<std::uint64_t>(chromosome.number - 1);
        HaplotypeModel model(settings_.n_samples, settings_.rho, settings_.missing_rate, Random(settings_.seed, stream),
                             settings_.males);
        std::vector<std::uint8_t> pending;  // variants made but not yet written, from `written` on
        std::size_t written = 0;
        for (std::size_t v = 0; v < chromosome.variants.size(); ++v) {
            pending.resize(pending.size() + width_);
            const std::span<std::uint8_t> bytes = std::span(pending).last(width_);
            model.next_variant(chromosome.variants[v].a1_frequency, bytes, chromosome.male_hemizygous(v));
            // Entries exist before the pass starts, so concurrent finds are safe; each is filled by one thread.
            auto causal = causal_calls_.find(chromosome.first_variant + v);
            if (causal != causal_calls_.end()) {
                causal->second.resize(settings_.n_samples);
                decode_calls(bytes, causal->second);
            }
            if (turns_.is_turn(c)) written = flush(chromosome, written, pending);
        }
        if (!turns_.wait_for(c)) return false;
        flush(chromosome, written, pending);
        progress_.update(c + 1);
        turns_.pass(c);
        return true;
    }

    // Writes the variants in `pending` (the first is variant `first` of the chromosome); returns the count written.
    std::size_t flush(const SimulatedChromosome& chromosome, std::size_t first, std::vector<std::uint8_t>& pending) {
        const std::size_t count = pending.size() / width_;
        for (std::size_t k = 0; k < count; ++k)
            writer_.write_packed_variant(chromosome.record(first + k), std::span(pending).subspan(k * width_, width_));
        pending.clear();
        return first + count;
    }

    const std::vector<SimulatedChromosome>& chromosomes_;
    const GenotypePassSettings& settings_;
    BedWriter& writer_;
    CausalCalls& causal_calls_;
    const std::size_t width_;  // .bed bytes per variant
    std::atomic<std::size_t> next_chromosome_{0};
    WritingTurns turns_;
    Progress progress_;  // updated only by the thread holding the turn
};

}  // namespace

void write_genotypes(const std::vector<SimulatedChromosome>& chromosomes, const GenotypePassSettings& settings,
                     BedWriter& writer, CausalCalls& causal_calls) {
    GenotypePass(chromosomes, settings, writer, causal_calls).run();
}

}  // namespace ridgeway
