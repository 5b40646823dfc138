// Test driver: the rank-based inverse normal transform of --apply-rint (samples/rank_normal) applied to the values
// read from standard input, one per line ("NA" for missing), printed one per line with 17 significant digits, for
// comparison with independent implementations. Usage: rank_normal < values
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "samples/rank_normal.hpp"

int main() {
    std::vector<double> values;
    for (std::string word; std::cin >> word;)
        values.push_back(word == "NA" ? std::numeric_limits<double>::quiet_NaN() : std::stod(word));
    ridgeway::rank_inverse_normal(values.data(), values.size());
    for (double v : values) std::isnan(v) ? std::printf("NA\n") : std::printf("%.17g\n", v);
    return 0;
}
