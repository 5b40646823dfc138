#include "step1/standardized_gram.hpp"

#include <algorithm>
#include <utility>

#include <cblas.h>

#include "linalg/exact_gram.hpp"

namespace ridgeway {

namespace {

int as_int(std::size_t value) { return static_cast<int>(value); }

// A_k'A_k from G_k'G_k: a missing call at (i, j) holds the mean mu_j, adding mu_j * g_ai to entries (a, j) and
// (j, a) for every variant a, and mu_j * mu_j' for every other missing call of the same sample. Variant a's calls
// are contiguous, so the outer loop runs over variants and reads each one from cache once.
void add_imputation(const std::vector<std::int8_t>& clipped, std::size_t n, std::size_t b,
                    const std::vector<std::pair<std::size_t, std::size_t>>& missing, const std::vector<double>& means,
                    const Fold& fold, Matrix& gram) {
    auto first = std::lower_bound(missing.begin(), missing.end(), std::make_pair(fold.begin, std::size_t{0}));
    auto last = std::lower_bound(missing.begin(), missing.end(), std::make_pair(fold.end, std::size_t{0}));
    if (first == last) return;
    std::vector<double> column_sums(b);
    for (std::size_t a = 0; a < b; ++a) {
        const std::int8_t* row = clipped.data() + a * n;
        std::fill(column_sums.begin(), column_sums.end(), 0.0);
        for (auto m = first; m != last; ++m) column_sums[m->second] += row[m->first];
        for (std::size_t j = 0; j < b; ++j) {
            const double value = means[j] * column_sums[j];
            gram(a, j) += value;
            gram(j, a) += value;
        }
    }
    for (auto sample_start = first; sample_start != last;) {
        auto sample_end = sample_start;
        while (sample_end != last && sample_end->first == sample_start->first) ++sample_end;
        for (auto m = sample_start; m != sample_end; ++m)
            for (auto other = sample_start; other != sample_end; ++other)
                gram(m->second, other->second) += means[m->second] * means[other->second];
        sample_start = sample_end;
    }
}

}  // namespace

std::vector<Matrix> standardized_fold_grams(const GenotypeBlock& calls, const StandardizedBlock& block,
                                            const Matrix& basis, const std::vector<Fold>& folds) {
    const std::size_t n = calls.n_samples, b = calls.n_variants, r = basis.cols(), p = block.kept.size();
    std::vector<std::int8_t> clipped(calls.calls.begin(), calls.calls.end());
    std::vector<std::pair<std::size_t, std::size_t>> missing;  // (sample, variant), sorted by sample
    for (std::size_t v = 0; v < b; ++v)
        for (std::size_t i = 0; i < n; ++i)
            if (clipped[v * n + i] < 0) clipped[v * n + i] = 0, missing.emplace_back(i, v);
    std::sort(missing.begin(), missing.end());


    Matrix s_kept(r, p);
    for (std::size_t c = 0; c < p; ++c)
        for (std::size_t m = 0; m < r; ++m) s_kept(m, c) = block.projection(m, block.kept[c]);

    std::vector<Matrix> grams;
    for (std::size_t k = 0; k < folds.size(); ++k) {
        const Fold& fold = folds[k];
        // One fold's exact Gram at a time: each is b x b, the largest matrix here.
        std::vector<Matrix> exact;
        exact_grams(clipped.data(), b, n, {RowRange{fold.begin, fold.end}}, exact);
        add_imputation(clipped, n, b, missing, block.means, fold, exact[0]);
        // W_k = Q_k'R_k, with R = X / scale column by column; C_k = Q_k'Q_k.
        Matrix w(r, p), c(r, r), t(r, p);
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(r), as_int(p), as_int(fold.size()), 1.0,
                    basis.data() + fold.begin, as_int(n), block.x.data() + fold.begin, as_int(n), 0.0, w.data(), as_int(r));
        for (std::size_t col = 0; col < p; ++col)
            for (std::size_t m = 0; m < r; ++m) w(m, col) /= block.scales[col];
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(r), as_int(r), as_int(fold.size()), 1.0,
                    basis.data() + fold.begin, as_int(n), basis.data() + fold.begin, as_int(n), 0.0, c.data(), as_int(r));
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, as_int(r), as_int(p), as_int(r), 1.0, c.data(), as_int(r),
                    s_kept.data(), as_int(r), 0.0, t.data(), as_int(r));
        Matrix gram(p, p);
        for (std::size_t c2 = 0; c2 < p; ++c2)
            for (std::size_t c1 = 0; c1 < p; ++c1) gram(c1, c2) = exact[0](block.kept[c1], block.kept[c2]);
        // gram -= W'S + S'W + S'T
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(p), as_int(p), as_int(r), -1.0, w.data(), as_int(r),
                    s_kept.data(), as_int(r), 1.0, gram.data(), as_int(p));
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(p), as_int(p), as_int(r), -1.0, s_kept.data(),
                    as_int(r), w.data(), as_int(r), 1.0, gram.data(), as_int(p));
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(p), as_int(p), as_int(r), -1.0, s_kept.data(),
                    as_int(r), t.data(), as_int(r), 1.0, gram.data(), as_int(p));
        for (std::size_t c2 = 0; c2 < p; ++c2)
            for (std::size_t c1 = 0; c1 < p; ++c1) gram(c1, c2) *= block.scales[c1] * block.scales[c2];
        grams.push_back(std::move(gram));
    }
    return grams;
}

}  // namespace ridgeway
