#include "step1/standardized_block.hpp"

#include <cmath>

#include <cblas.h>

namespace ridgeway {

namespace {

// Below this variance (per sample, after projecting out the covariates) a variant carries no usable signal; such
// variants are what makes regenie abort with "low variance".
constexpr double kMinimumVariance = 1e-6;

}  // namespace

void standardize_block(const GenotypeBlock& block, const Matrix& basis, StandardizedBlock& out) {
    const std::size_t n = block.n_samples, r = basis.cols();
    // One n x B matrix, imputed, projected, scaled and compacted in place: blocks are the largest allocation per
    // thread.
    if (out.x.rows() != n || out.x.cols() != block.n_variants) out.x = Matrix(n, block.n_variants);
    Matrix& imputed = out.x;
    out.means.assign(block.n_variants, 0.0);
    for (std::size_t v = 0; v < block.n_variants; ++v) {
        const std::int8_t* calls = block.variant(v);
        double sum = 0, called = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (calls[i] != kMissingCall) sum += calls[i], ++called;
        const double mean = called > 0 ? sum / called : 0.0;
        out.means[v] = mean;
        double* column = imputed.column(v);
        for (std::size_t i = 0; i < n; ++i) column[i] = calls[i] == kMissingCall ? mean : calls[i];
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
