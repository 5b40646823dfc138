#include "assoc/linear_block_test.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "linalg/genotype_kernels.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

constexpr double kLn10 = 2.302585092994046;

}  // namespace

LinearBlockTest::LinearBlockTest(const TraitSet& traits, VariantFilters filters, LinearStatistic statistic)
    : traits_(traits), filters_(filters), statistic_(statistic) {}

double LinearBlockTest::imputation_mean(const std::int8_t* calls, const double* values, const GenotypeSums& all) const {
    double sum = all.sum, called = static_cast<double>(all.called);
    for (std::size_t row : traits_.without_traits)
        if (calls[row] >= 0) sum -= values[row], called -= 1;
    return called > 0 ? sum / called : 0.0;
}

void LinearBlockTest::run(const TestedBlock& tested, BlockResults& out) {
    const GenotypeBlock& block = tested.coded;
    constexpr std::size_t kTogether = kDotVariants;  // variants sharing one pass over [Q | E]
    const std::size_t n = block.n_samples, b = block.n_variants, p = traits_.n_traits();
    const Matrix& rhs = traits_.basis_and_residuals;
    if (values_.rows() != n) values_ = Matrix(n, kTogether);
    products_.resize(kTogether * rhs.cols());
    out.kept.assign(b, false);
    out.results.assign(b * p, AssocResult{});
    GenotypeSums sums[kTogether];
    if (tested.recoded()) additive_.resize(kTogether);
    for (std::size_t first = 0; first < b; first += kTogether) {
        const double* kept_values[kTogether];
        std::size_t kept_variants[kTogether], n_kept = 0;
        for (std::size_t v = first; v < std::min(first + kTogether, b); ++v) {
            sum_genotypes(block, v, sums[n_kept], values_.column(n_kept));
            const GenotypeSums& judged = tested.recoded() ? additive_[n_kept].sums(tested.additive, v) : sums[n_kept];
            out.kept[v] = passes_filters(filters_, judged, n);
            if (!out.kept[v]) continue;
            kept_values[n_kept] = values_.column(n_kept);
            kept_variants[n_kept++] = v;
        }
        if (n_kept == 0) continue;
        dot_products(kept_values, n_kept, rhs.data(), rhs.cols(), n, products_.data());
        for (std::size_t k = 0; k < n_kept; ++k) {
            const std::size_t v = kept_variants[k];
            const std::int8_t* calls = block.variant(v);
            const double mean = statistic_ == LinearStatistic::normal && !sums[k].missing.empty()
                                    ? imputation_mean(calls, kept_values[k], sums[k])
                                    : 0.0;
            for (std::size_t t = 0; t < p; ++t) {
                test_trait(t, calls, kept_values[k], sums[k], mean, products_.data() + k * rhs.cols(),
                           out.results[v * p + t]);
                if (tested.recoded())
                    additive_[k].report(traits_.corrections[t].missing, nullptr, out.results[v * p + t]);
            }
        }
    }
}

void LinearBlockTest::test_trait(std::size_t trait, const std::int8_t* calls, const double* values,
                                 const GenotypeSums& all, double mean, const double* products, AssocResult& result) {
    const TraitCorrection& correction = traits_.corrections[trait];
    const std::size_t r = traits_.rank;
    const double* e = traits_.residual(trait);

    // Take the trait's missing samples (T) out of the genotype's sums and products.
    std::size_t n_called = all.called;
    double sum = all.sum, gg = all.sum_squares;
    // rhs_ = [s | u]: s = Q_S'g over the test's samples, u = Q_M'e_M over every left-out row.
    rhs_.assign(products, products + r);
    rhs_.resize(2 * r);
    double* s = rhs_.data();
    double ge = products[r + trait];
    const double* missing_row = correction.missing_rows.data();
    for (std::size_t row : correction.missing) {
        if (calls[row] >= 0) {
            const double g = values[row];
            --n_called;
            sum -= g;
            gg -= g * g;
            for (std::size_t c = 0; c < r; ++c) s[c] -= g * missing_row[c];
            ge -= g * missing_row[r];
        }
        missing_row += r + 1;
    }
    result.n = n_called;
    const double called = static_cast<double>(n_called);
    result.a1_freq = n_called > 0 ? sum / (2.0 * called) : 0.0;
    if (all.dosages) result.info = mach_r2(called, sum, gg);
    if (!correction.usable) return void(result.error = ErrorCode::covariates_singular);
    if (!genotypes_vary(called, sum, gg)) return void(result.error = ErrorCode::constant_allele);

    // Samples with a missing call but a trait value (X): the t test leaves them out, downdating the trait's covariate
    // Gram further; the normal statistic, as regenie, gives them the mean call instead.
    extra_rows_.clear();
    std::set_difference(all.missing.begin(), all.missing.end(), correction.missing.begin(), correction.missing.end(),
                        std::back_inserter(extra_rows_));
    std::size_t n_test = n_called;
    if (statistic_ == LinearStatistic::normal) {
        for (std::size_t row : extra_rows_) {
            for (std::size_t c = 0; c < r; ++c) s[c] += mean * traits_.basis(c)[row];
            ge += mean * e[row];
            sum += mean;
            gg += mean * mean;
            ++n_test;
        }
        extra_rows_.clear();
    }
    if (n_test <= r + 1) return void(result.error = ErrorCode::too_few_samples);
    std::copy(correction.basis_residual.begin(), correction.basis_residual.end(), rhs_.begin() + r);
    double residual_ss = correction.residual_ss;
    for (std::size_t row : extra_rows_) {
        for (std::size_t c = 0; c < r; ++c) rhs_[r + c] += traits_.basis(c)[row] * e[row];
        residual_ss -= e[row] * e[row];
    }
    solved_ = rhs_;
    if (extra_rows_.empty()) {
        solve_with_factor(correction.gram_factor, solved_.data(), 2);
    } else {
        Matrix factor;
        if (!factor_gram(downdate_gram(traits_, correction.gram, extra_rows_), factor))
            return void(result.error = ErrorCode::covariates_singular);
        solve_with_factor(factor, solved_.data(), 2);
    }
    const double* rhs = rhs_.data();
    const double* solved = solved_.data();

    double rg_rg = gg, rg_ry = ge, ry_ry = residual_ss;
    for (std::size_t c = 0; c < r; ++c) {
        rg_rg -= rhs[c] * solved[c];
        rg_ry += solved[c] * rhs[r + c];
        ry_ry -= rhs[r + c] * solved[r + c];
    }
    const double centered_ss = gg - sum * sum / static_cast<double>(n_test);
    if (!(rg_rg > 0) || centered_ss > filters_.max_vif * rg_rg) return void(result.error = ErrorCode::vif_too_high);
    const double beta = rg_ry / rg_rg;
    if (statistic_ == LinearStatistic::normal) {
        // regenie's step 2: the null model's residual variance over N - K, and a normal reference.
        if (!(correction.null_ss > 0)) return void(result.error = ErrorCode::perfect_fit);
        result.beta = beta;
        result.se = std::sqrt(correction.null_ss / static_cast<double>(n_test - r) / rg_rg);
        result.t = beta / result.se;
        result.log10_p = log_p_two_sided_normal(result.t) / kLn10;
        return;
    }
    const double rss = ry_ry - beta * rg_ry;
    if (!(rss > 1e-14 * ry_ry)) return void(result.error = ErrorCode::perfect_fit);
    const double df = static_cast<double>(n_test - r - 1);
    result.beta = beta;
    result.se = std::sqrt(rss / df / rg_rg);
    result.t = beta / result.se;
    result.log10_p = log_p_two_sided_t(result.t, df) / kLn10;
}

}  // namespace ridgeway
