#pragma once
// What the simulator's tests share: a small cohort's settings, running the simulator into a folder, and reading its
// text tables and genotypes back.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/atomic_output.hpp"
#include "core/run_log.hpp"
#include "io/plink1/bed_source.hpp"
#include "sim/cohort_simulator.hpp"

namespace ridgeway::testing {

using Table = std::vector<std::vector<std::string>>;  // header first

inline SimulationSettings small_cohort() {
    SimulationSettings settings;
    settings.n_samples = 2000;
    settings.n_variants = 3000;
    settings.n_chromosomes = 3;
    settings.seed = 7;
    settings.n_causal = 50;
    return settings;
}

inline void simulate(const SimulationSettings& settings, const std::string& prefix) {
    RunLog log("simulate", Console::none);
    OutputSet outputs;
    simulate_cohort(settings, prefix, outputs, log);
    outputs.commit();
}

inline std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline Table read_table(const std::string& path) {
    Table table;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        table.emplace_back(std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>());
    }
    return table;
}

// Values of `column` (NaN for NA), one per data row.
inline std::vector<double> column_values(const Table& table, const std::string& column) {
    const auto& header = table.front();
    const std::size_t c = std::find(header.begin(), header.end(), column) - header.begin();
    EXPECT_LT(c, header.size()) << column;
    std::vector<double> values;
    for (std::size_t r = 1; r < table.size(); ++r) values.push_back(table[r][c] == "NA" ? NAN : std::stod(table[r][c]));
    return values;
}

struct Moments {
    double mean_x = 0, mean_y = 0, var_x = 0, var_y = 0, cov = 0;
    double r2() const { return cov * cov / (var_x * var_y); }
};

// Over the pairs where neither value is NaN.
inline Moments moments(const std::vector<double>& x, const std::vector<double>& y) {
    Moments m;
    double n = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) m.mean_x += x[i], m.mean_y += y[i], ++n;
    m.mean_x /= n, m.mean_y /= n;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) {
            m.var_x += (x[i] - m.mean_x) * (x[i] - m.mean_x) / n;
            m.var_y += (y[i] - m.mean_y) * (y[i] - m.mean_y) / n;
            m.cov += (x[i] - m.mean_x) * (y[i] - m.mean_y) / n;
        }
    return m;
}

inline std::vector<double> as_doubles(const std::int8_t* calls, std::size_t n) {
    std::vector<double> values(n);
    for (std::size_t s = 0; s < n; ++s) values[s] = calls[s] == kMissingCall ? NAN : calls[s];
    return values;
}

// Every variant of `source` for every sample.
inline GenotypeBlock read_all(const BedSource& source) {
    std::vector<std::size_t> variants(source.variants().size()), samples(source.samples().size());
    for (std::size_t v = 0; v < variants.size(); ++v) variants[v] = v;
    for (std::size_t s = 0; s < samples.size(); ++s) samples[s] = s;
    GenotypeBlock block;
    source.read(variants, samples, block);
    return block;
}

}  // namespace ridgeway::testing
