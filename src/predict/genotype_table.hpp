#pragma once
// Genotypes as the prediction kernels see them: one row per sample (sample-major, so that kernel entries are
// products of rows), with every missing genotype replaced by the training fill. The table holds one of two kinds:
//   calls     int8 0/1/2, a missing call replaced by the call nearest the training mean. Whole calls keep every
//             kernel product an exact integer (see linalg/genotype_products.hpp); for predictions, replacing a rare
//             missing call by the nearest whole call instead of the mean itself changes nothing a user could measure.
//   dosages   float expected allele counts (from a source with dosages), a missing dosage replaced by the training
//             mean itself (rounded to float, the precision every dosage is held in): products in FP64
//             (linalg/dosage_products.hpp).
// Code that reads rows goes through visit(), so that one generic loop serves both kinds.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

// How the training set codes each variant: the value that replaces a missing genotype (a whole call, or the mean
// dosage), and the mean of the training genotypes after that replacement (the centre of the linear kernel).
struct VariantCoding {
    std::vector<double> fill;
    std::vector<double> centre;
};

struct GenotypeTable {
    std::size_t n_samples = 0;
    std::size_t n_variants = 0;
    bool dosage = false;
    std::vector<std::int8_t> calls;  // n_samples x n_variants, row-major (calls)
    std::vector<float> dosages;      // n_samples x n_variants, row-major (dosages)

    // use(values) with the row-major values: const std::int8_t* for calls, const float* for dosages.
    template <typename Use>
    decltype(auto) visit(Use&& use) const {
        if (dosage) return use(static_cast<const float*>(dosages.data()));
        return use(static_cast<const std::int8_t*>(calls.data()));
    }

    CallRows call_rows(std::size_t begin, std::size_t end) const {
        return {calls.data() + begin * n_variants, end - begin, n_variants, n_variants};
    }
    DosageRows dosage_rows(std::size_t begin, std::size_t end) const {
        return {dosages.data() + begin * n_variants, end - begin, n_variants, n_variants};
    }
};

inline constexpr std::size_t kAbsentVariant = std::numeric_limits<std::size_t>::max();

// A table of dosages with the values of `table` (the same table when it already holds dosages): what a product
// between a call table and a dosage table multiplies.
GenotypeTable as_dosages(const GenotypeTable& table);

// Reads `variants` (indices into source.variants()) for `samples` and derives the coding from them: dosages when the
// source has them, else calls.
GenotypeTable read_training_genotypes(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                                      const std::vector<std::size_t>& samples, int threads, VariantCoding& coding);

// Reads other samples under a training coding, as dosages when `dosage` (calls of a source without dosages then
// become whole-number dosages) and as calls otherwise (which needs a coding with whole-call fills). `variants[v]`
// may be kAbsentVariant (every genotype missing), and `swapped[v]` (when not empty) says the file counts the other
// allele.
GenotypeTable read_genotypes(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                             const std::vector<bool>& swapped, const std::vector<std::size_t>& samples,
                             const VariantCoding& coding, bool dosage, int threads);

// (g_i - c).w_t, the linear kernel's predictions from per-variant weights w (variants x traits), for the rows
// `rows` of a table (every row when empty): rows x traits.
Matrix centred_scores(const GenotypeTable& table, const std::vector<std::size_t>& rows,
                      const std::vector<double>& centre, const Matrix& weights);

}  // namespace ridgeway
