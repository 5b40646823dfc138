#pragma once
// Genotype calls as the prediction kernels see them: one row of 0/1/2 calls per sample (sample-major, so that
// kernel entries are products of rows), every missing call replaced by the call nearest the training mean. Whole
// calls keep every kernel product an exact integer (see linalg/genotype_products.hpp); for predictions, replacing a
// rare missing call by the nearest whole call instead of the mean itself changes nothing a user could measure.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/genotype_products.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

// How the training set codes each variant: the call that replaces a missing one, and the mean of the training
// calls after that replacement (the centre of the linear kernel).
struct VariantCoding {
    std::vector<std::int8_t> fill;
    std::vector<double> centre;
};

struct CallTable {
    std::size_t n_samples = 0;
    std::size_t n_variants = 0;
    std::vector<std::int8_t> calls;  // n_samples x n_variants, row-major

    CallRows rows() const { return {calls.data(), n_samples, n_variants, n_variants}; }
    CallRows rows(std::size_t begin, std::size_t end) const {
        return {calls.data() + begin * n_variants, end - begin, n_variants, n_variants};
    }
};

inline constexpr std::size_t kAbsentVariant = std::numeric_limits<std::size_t>::max();

// Reads `variants` (indices into source.variants()) for `samples` and derives the coding from them.
CallTable read_training_calls(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                              const std::vector<std::size_t>& samples, int threads, VariantCoding& coding);

// Reads other samples under a training coding. `variants[v]` may be kAbsentVariant (every call missing), and
// `swapped[v]` (when not empty) says the file counts the other allele.
CallTable read_calls(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                     const std::vector<bool>& swapped, const std::vector<std::size_t>& samples,
                     const VariantCoding& coding, int threads);

// (g_i - c).w_t, the linear kernel's predictions from per-variant weights w (variants x traits), for the rows
// `rows` of a table (every row when empty): rows x traits.
Matrix centred_scores(const CallTable& calls, const std::vector<std::size_t>& rows, const std::vector<double>& centre,
                      const Matrix& weights);

}  // namespace ridgeway
