#include "predict/pair_median.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/parallel.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kBins = 65536;

// Every value once, rows interleaved over the workers (the triangle's rows differ in length); each worker passes its
// values to its own visitor, make_visitor(worker).
template <typename MakeVisitor>
void for_each_value(std::size_t n, const PairRowValues& row_values, std::size_t workers,
                    const MakeVisitor& make_visitor) {
    run_in_parallel(workers, [&](std::size_t worker) {
        auto visit = make_visitor(worker);
        std::vector<double> values(n);
        for (std::size_t i = 1 + worker; i < n; i += workers) {
            row_values(i, values.data());
            for (std::size_t j = 0; j < i; ++j) visit(values[j]);
        }
    });
}

// The range [low, high] (low < high) cut into kBins bins, mapped monotonically (so each bin holds a contiguous run
// of the sorted values), with each bin's count and its least and greatest value.
struct Histogram {
    double low, high;
    std::uint64_t below = 0;  // values under low
    std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(kBins, 0);
    std::vector<double> least = std::vector<double>(kBins, std::numeric_limits<double>::infinity());
    std::vector<double> greatest = std::vector<double>(kBins, -std::numeric_limits<double>::infinity());

    bool contains(double value) const { return value >= low && value <= high; }
    // A quotient in [0, 1] first: finite however narrow the range (and halves: however wide).
    std::size_t bin(double value) const {
        return std::min(kBins - 1, static_cast<std::size_t>((value / 2 - low / 2) / (high / 2 - low / 2) * kBins));
    }
    void add(double value) {
        if (value < low) {
            ++below;
        } else if (value <= high) {
            const std::size_t b = bin(value);
            ++counts[b];
            least[b] = std::min(least[b], value);
            greatest[b] = std::max(greatest[b], value);
        }
    }
    void merge(const Histogram& other) {
        below += other.below;
        for (std::size_t b = 0; b < kBins; ++b) {
            counts[b] += other.counts[b];
            least[b] = std::min(least[b], other.least[b]);
            greatest[b] = std::max(greatest[b], other.greatest[b]);
        }
    }
};

// The values for which keep(value) holds, gathered from every worker.
template <typename Keep>
std::vector<double> gather(std::size_t n, const PairRowValues& row_values, std::size_t workers, const Keep& keep) {
    std::vector<std::vector<double>> kept(workers);
    for_each_value(n, row_values, workers, [&](std::size_t w) {
        return [&keep, part = &kept[w]](double value) {
            if (keep(value)) part->push_back(value);
        };
    });
    std::vector<double> values;
    for (const auto& part : kept) values.insert(values.end(), part.begin(), part.end());
    return values;
}

double select(std::vector<double> values, std::uint64_t rank) {
    const auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank);
    std::nth_element(values.begin(), nth, values.end());
    return *nth;
}

}  // namespace

double pair_lower_median(std::size_t n, const PairRowValues& row_values, int threads, std::size_t select_limit) {
    const std::size_t workers = std::min<std::size_t>(std::max(threads, 1), std::max<std::size_t>(n / 2, 1));
    const std::uint64_t pairs = static_cast<std::uint64_t>(n) * (n - 1) / 2;
    const std::uint64_t rank = (pairs + 1) / 2 - 1;  // zero-based rank of the lower median
    if (pairs <= select_limit) return select(gather(n, row_values, workers, [](double) { return true; }), rank);

    // The first range: every value.
    std::vector<double> lows(workers, std::numeric_limits<double>::infinity());
    std::vector<double> highs(workers, -std::numeric_limits<double>::infinity());
    for_each_value(n, row_values, workers, [&](std::size_t w) {
        return [low = &lows[w], high = &highs[w]](double value) {
            *low = std::min(*low, value);
            *high = std::max(*high, value);
        };
    });
    double low = *std::min_element(lows.begin(), lows.end()), high = *std::max_element(highs.begin(), highs.end());

    while (low < high) {
        std::vector<Histogram> parts(workers, Histogram{low, high});
        for_each_value(n, row_values, workers, [&](std::size_t w) {
            return [part = &parts[w]](double value) { part->add(value); };
        });
        Histogram& total = parts[0];
        for (std::size_t w = 1; w < workers; ++w) total.merge(parts[w]);
        std::uint64_t seen = total.below;
        std::size_t b = 0;
        while (seen + total.counts[b] <= rank) seen += total.counts[b++];
        // Few enough to copy, or a range too narrow to split (values a few subnormals apart): select in the bin.
        // The same bin() mapping picks its values out again.
        const bool stuck = total.least[b] == low && total.greatest[b] == high;
        if (total.counts[b] <= select_limit || stuck)
            return select(gather(n, row_values, workers,
                                 [&](double value) { return total.contains(value) && total.bin(value) == b; }),
                          rank - seen);
        low = total.least[b], high = total.greatest[b];  // too many to copy: the bin is the next range
    }
    return low;  // every value left in the range is equal
}

}  // namespace ridgeway
