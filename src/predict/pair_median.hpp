#pragma once
// The exact lower median of one value per pair i < j of n items (the (P + 1) / 2-th smallest of the P = n(n - 1) / 2
// values), when the values are real numbers and too many to copy: for the Gaussian kernel's bandwidth on dosages,
// whose squared distances are not the small integers an integer histogram counts (training_gram.cpp does that for
// calls).
//
// Each pass regenerates the values row by row and counts them into a histogram of 65,536 bins over the range that
// holds the median; the bin that holds it becomes the next range. Once that bin holds at most `select_limit` values
// they are copied and the median is selected among them exactly (std::nth_element). Memory: the histograms, one row
// of values per thread and at most `select_limit` values, never the P values themselves. Every pass narrows the range
// about 65,536-fold (a bin whose values are all equal ends the search), so a few passes suffice: each costs one
// evaluation of every value, far less than the products that made them.
#include <cstddef>
#include <functional>

namespace ridgeway {

// row_values(i, values) writes the values of pairs (i, j), j < i, to values[0..i). Called from several threads at
// once (for different rows), and more than once per row: it must give the same values every time.
using PairRowValues = std::function<void(std::size_t i, double* values)>;

inline constexpr std::size_t kPairSelectLimit = std::size_t{1} << 22;  // 32 MB of values

// Needs n >= 2; the values must not be NaN.
double pair_lower_median(std::size_t n, const PairRowValues& row_values, int threads,
                         std::size_t select_limit = kPairSelectLimit);

}  // namespace ridgeway
