#include "step1/standardized_block.hpp"

#include <cmath>

#include <cblas.h>

namespace ridgeway {

namespace {

// Below this variance (per sample, after projecting out the covariates) a variant carries no usable signal; such
// variants are what makes regenie abort with "low variance".
constexpr double kMinimumVariance = 1e-6;

// column = values with the missing ones replaced by the mean of the others (0 when every value is missing).
template <typename Value, typename IsMissing>
void impute_with_mean(const Value* values, std::size_t n, IsMissing is_missing, double& mean, double* column) {
    double sum = 0, present = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!is_missing(values[i])) sum += values[i], ++present;
    mean = present > 0 ? sum / present : 0.0;
    for (std::size_t i = 0; i < n; ++i) column[i] = is_missing(values[i]) ? mean : values[i];
}

}  // namespace

void standardize_block(const GenotypeBlock& block, const Matrix& basis, StandardizedBlock& out) {
    const std::size_t n = block.n_samples, r = basis.cols();
    // One n x B matrix, imputed, projected, scaled and compacted in place: blocks are the largest allocation per
    // thread.
    if (out.x.rows() != n || out.x.cols() != block.n_variants) out.x = Matrix(n, block.n_variants);
    Matrix& imputed = out.x;
    out.means.assign(block.n_variants, 0.0);
    for (std::size_t v = 0; v < block.n_variants; ++v) {
        double* column = imputed.column(v);
        if (block.with_dosages)
            impute_with_mean(block.dosage(v), n, [](float dosage) { return std::isnan(dosage); }, out.means[v], column);
        else
            impute_with_mean(block.variant(v), n, [](std::int8_t call) { return call == kMissingCall; }, out.means[v],
                             column);
    }
    // X <- X - Q (Q'X)
    Matrix& projection = out.projection;
    projection = Matrix(r, block.n_variants);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, static_cast<int>(r), static_cast<int>(block.n_variants),
                static_cast<int>(n), 1.0, basis.data(), static_cast<int>(n), imputed.data(), static_cast<int>(n), 0.0,
                projection.data(), static_cast<int>(r));
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(n), static_cast<int>(block.n_variants),
                static_cast<int>(r), -1.0, basis.data(), static_cast<int>(n), projection.data(), static_cast<int>(r), 1.0,
                imputed.data(), static_cast<int>(n));

    std::size_t kept = 0;
    out.kept.clear();
    out.scales.clear();
    for (std::size_t v = 0; v < block.n_variants; ++v) {
        const double* column = imputed.column(v);
        double ss = 0;
        for (std::size_t i = 0; i < n; ++i) ss += column[i] * column[i];
        if (ss / static_cast<double>(n) < kMinimumVariance) continue;
        const double scale = std::sqrt(static_cast<double>(n) / ss);
        out.kept.push_back(v);
        out.scales.push_back(scale);
        double* to = imputed.column(kept++);  // kept <= v: moving left never overwrites an unread column
        for (std::size_t i = 0; i < n; ++i) to[i] = column[i] * scale;
    }
    out.dropped = block.n_variants - kept;
    out.x.truncate_columns(kept);
}

}  // namespace ridgeway
