#include "step1/standardized_gram.hpp"

#include <algorithm>
#include <utility>

#include <cblas.h>

#include "linalg/genotype_products.hpp"

namespace ridgeway {

namespace {

int as_int(std::size_t value) { return static_cast<int>(value); }

}  // namespace

StandardizedGram::StandardizedGram(GenotypeBlock&& calls, const StandardizedBlock& block, const Matrix& basis,
                                   Precision precision)
    : calls_(std::move(calls)), block_(block), basis_(basis), precision_(precision),
      s_kept_(basis.cols(), block.kept.size()), compact_(calls_.n_variants, -1) {
    for (std::size_t c = 0; c < block.kept.size(); ++c) compact_[block.kept[c]] = static_cast<std::ptrdiff_t>(c);
    const std::size_t n = calls_.n_samples;
    for (std::size_t v = 0; v < calls_.n_variants; ++v)
        for (std::size_t i = 0; i < n; ++i)
            if (calls_.calls[v * n + i] < 0) calls_.calls[v * n + i] = 0, missing_.emplace_back(i, v);
    std::sort(missing_.begin(), missing_.end());
    for (std::size_t c = 0; c < block.kept.size(); ++c)
        for (std::size_t m = 0; m < basis.cols(); ++m) s_kept_(m, c) = block.projection(m, block.kept[c]);
}

// A_k'A_k from G_k'G_k, on the kept columns: a missing call at (i, j) holds the mean mu_j, adding mu_j * g_ai to
// entries (a, j) and (j, a) for every variant a, and mu_j * mu_j' for every other missing call of the same sample.
// Variant a's calls are contiguous, so the outer loop runs over variants and reads each one from cache once.
void StandardizedGram::add_imputation(const Fold& fold, Matrix& gram) const {
    const std::size_t n = calls_.n_samples, b = calls_.n_variants;
    const auto& means = block_.means;
    auto first = std::lower_bound(missing_.begin(), missing_.end(), std::make_pair(fold.begin, std::size_t{0}));
    auto last = std::lower_bound(missing_.begin(), missing_.end(), std::make_pair(fold.end, std::size_t{0}));
    if (first == last) return;
    std::vector<double> column_sums(b);
    for (std::size_t a = 0; a < b; ++a) {
        if (compact_[a] < 0) continue;
        const auto ka = static_cast<std::size_t>(compact_[a]);
        const std::int8_t* row = calls_.calls.data() + a * n;
        std::fill(column_sums.begin(), column_sums.end(), 0.0);
        for (auto m = first; m != last; ++m) column_sums[m->second] += row[m->first];
        for (std::size_t j = 0; j < b; ++j) {
            if (compact_[j] < 0) continue;
            const auto kj = static_cast<std::size_t>(compact_[j]);
            const double value = means[j] * column_sums[j];
            gram(ka, kj) += value;
            gram(kj, ka) += value;
        }
    }
    for (auto sample_start = first; sample_start != last;) {
        auto sample_end = sample_start;
        while (sample_end != last && sample_end->first == sample_start->first) ++sample_end;
        for (auto m = sample_start; m != sample_end; ++m)
            for (auto other = sample_start; other != sample_end; ++other)
                if (compact_[m->second] >= 0 && compact_[other->second] >= 0)
                    gram(static_cast<std::size_t>(compact_[m->second]), static_cast<std::size_t>(compact_[other->second])) +=
                        means[m->second] * means[other->second];
        sample_start = sample_end;
    }
}

Matrix StandardizedGram::fold_gram(const Fold& fold) const {
    const std::size_t n = calls_.n_samples, b = calls_.n_variants, r = basis_.cols(), p = block_.kept.size();
    // The integer product goes straight into the kept columns; no b x b copy in doubles. Step 1 runs blocks on its
    // own worker threads, so each product stays on the calling thread.
    thread_local std::vector<std::int32_t> product;
    gram_full(CallRows{calls_.calls.data() + fold.begin, b, fold.size(), n}, precision_, 1, product);
    Matrix gram(p, p);
    for (std::size_t c2 = 0; c2 < p; ++c2)
        for (std::size_t c1 = 0; c1 < p; ++c1) gram(c1, c2) = product[block_.kept[c1] * b + block_.kept[c2]];
    add_imputation(fold, gram);
    // W_k = Q_k'R_k, with R = X / scale column by column; C_k = Q_k'Q_k; T = C_k S.
    Matrix w(r, p), c(r, r), t(r, p);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(r), as_int(p), as_int(fold.size()), 1.0,
                basis_.data() + fold.begin, as_int(n), block_.x.data() + fold.begin, as_int(n), 0.0, w.data(), as_int(r));
    for (std::size_t col = 0; col < p; ++col)
        for (std::size_t m = 0; m < r; ++m) w(m, col) /= block_.scales[col];
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(r), as_int(r), as_int(fold.size()), 1.0,
                basis_.data() + fold.begin, as_int(n), basis_.data() + fold.begin, as_int(n), 0.0, c.data(), as_int(r));
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, as_int(r), as_int(p), as_int(r), 1.0, c.data(), as_int(r),
                s_kept_.data(), as_int(r), 0.0, t.data(), as_int(r));
    // gram -= W'S + S'W + S'T
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(p), as_int(p), as_int(r), -1.0, w.data(), as_int(r),
                s_kept_.data(), as_int(r), 1.0, gram.data(), as_int(p));
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(p), as_int(p), as_int(r), -1.0, s_kept_.data(),
                as_int(r), w.data(), as_int(r), 1.0, gram.data(), as_int(p));
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(p), as_int(p), as_int(r), -1.0, s_kept_.data(),
                as_int(r), t.data(), as_int(r), 1.0, gram.data(), as_int(p));
    for (std::size_t c2 = 0; c2 < p; ++c2)
        for (std::size_t c1 = 0; c1 < p; ++c1) gram(c1, c2) *= block_.scales[c1] * block_.scales[c2];
    return gram;
}

}  // namespace ridgeway
