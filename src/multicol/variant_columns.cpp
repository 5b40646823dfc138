#include "multicol/variant_columns.hpp"

#include <algorithm>

#include "linalg/genotype_kernels.hpp"

namespace ridgeway {

namespace {

double dominance(double g) { return std::min(g, 2.0 - g); }

// DOMDEV's sum over the set's called rows: its heterozygotes for hard calls, else summed row by row.
double dominance_sum(const std::int8_t* calls, const double* values, const GenotypeSums& all,
                     const SampleSubset& subset) {
    if (!all.dosages) {
        double hets = static_cast<double>(all.n1);
        for (std::size_t row : subset.out) hets -= calls[row] == 1;
        return hets;
    }
    double sum = 0;
    for (std::size_t i = 0; i < subset.in.size(); ++i)
        if (calls[i] >= 0 && subset.in[i] != 0) sum += dominance(values[i]);
    return sum;
}

}  // namespace

// The set's called sums: every row's minus those of the called rows outside the set.
CalledSums called_sums(const std::int8_t* calls, const double* values, const GenotypeSums& all,
                       const SampleSubset& subset) {
    CalledSums sums{all.called, all.sum, all.sum_squares};
    for (std::size_t row : subset.out)
        if (calls[row] >= 0) {
            const double g = values[row];
            --sums.called;
            sums.sum -= g;
            sums.sum_squares -= g * g;
        }
    return sums;
}

SampleSubset make_subset(std::vector<std::uint8_t> in) {
    SampleSubset subset;
    subset.in.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        subset.in[i] = in[i] ? 1.0 : 0.0;
        if (!in[i]) subset.out.push_back(i);
    }
    return subset;
}

VariantColumns::VariantColumns(MulticolModel model, Matrix factors)
    : genotypic_(model == MulticolModel::genotypic), factors_(std::move(factors)) {}

CalledSums VariantColumns::fill(const std::int8_t* calls, const double* values, const GenotypeSums& all,
                                const SampleSubset& subset, double* out) const {
    const std::size_t n = subset.in.size();
    const double* in = subset.in.data();
    const CalledSums sums = called_sums(calls, values, all, subset);
    const double called = static_cast<double>(sums.called);
    const double mean = sums.called > 0 ? sums.sum / called : 0.0;
    double* g = out;
    for (std::size_t i = 0; i < n; ++i) g[i] = in[i] * values[i];
    for (std::size_t row : all.missing) g[row] = in[row] * mean;
    if (genotypic_) {
        const double dominance_mean = sums.called > 0 ? dominance_sum(calls, values, all, subset) / called : 0.0;
        double* d = out + n;
        for (std::size_t i = 0; i < n; ++i) d[i] = in[i] * std::min(values[i], 2.0 - values[i]);
        for (std::size_t row : all.missing) d[row] = in[row] * dominance_mean;
        return sums;
    }
    // (G - mean G) x E_j spans, with E_j among the covariates, what G x E_j does, and gives G and G x E_j the same
    // coefficients; centred, the product is not nearly 2 E_j for a common A1, which would make its variance
    // inflation depend on the allele counted.
    for (std::size_t j = 0; j < factors_.cols(); ++j) {
        const double* e = factors_.column(j);
        double* column = out + (j + 1) * n;
        for (std::size_t i = 0; i < n; ++i) column[i] = (g[i] - mean * in[i]) * e[i];
    }
    return sums;
}

void column_products(const double* const* vectors, std::size_t count, const double* columns, std::size_t n_columns,
                     std::size_t n, double* out) {
    for (std::size_t first = 0; first < count; first += kDotVariants)
        dot_products(vectors + first, std::min(kDotVariants, count - first), columns, n_columns, n,
                     out + first * n_columns);
}

void variant_gram(const double* columns, std::size_t m, std::size_t n, const double* weights, double* out) {
    if (m <= kGramColumns) return column_gram(columns, m, n, weights, out);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            double sum = 0;
            for (std::size_t i = 0; i < n; ++i) sum += (weights ? weights[i] : 1.0) * columns[a * n + i] * columns[b * n + i];
            out[b * m + a] = out[a * m + b] = sum;
        }
}

void sum_and_filter_group(const GenotypeBlock& block, std::size_t first, std::size_t last,
                          const VariantFilters& filters, std::vector<GenotypeSums>& sums, Matrix& values,
                          std::vector<bool>& passed, std::vector<std::size_t>& kept) {
    kept.clear();
    for (std::size_t v = first; v < last; ++v) {
        const std::size_t k = kept.size();
        sum_genotypes(block, v, sums[k], values.column(k));
        passed[v] = passes_filters(filters, sums[k], block.n_samples);
        if (passed[v]) kept.push_back(v);
    }
}

}  // namespace ridgeway
