#include "assoc/logistic_block_test.hpp"

#include <algorithm>
#include <cmath>

#include "linalg/genotype_kernels.hpp"
#include "stats/distributions.hpp"
#include "stats/firth_single.hpp"
#include "stats/logistic_regression.hpp"
#include "stats/saddle_point.hpp"

namespace ridgeway {

namespace {

constexpr double kLn10 = 2.302585092994046;
// A variant whose minor-allele carriers are at most 1 in this many samples counts as rare for the saddle point.
constexpr std::size_t kRareCarrierFraction = 10;

}  // namespace

LogisticBlockTest::LogisticBlockTest(const LogisticNullSet& nulls, VariantFilters filters, CaseControlSettings settings)
    : nulls_(nulls), filters_(filters), settings_(settings) {}

void LogisticBlockTest::run(const TestedBlock& tested, BlockResults& out) {
    const GenotypeBlock& block = tested.coded;
    constexpr std::size_t kTogether = kDotVariants;
    const std::size_t n = block.n_samples, b = block.n_variants, p = nulls_.traits.size();
    const Matrix& columns = nulls_.columns;
    if (values_.rows() != n) values_ = Matrix(n, kTogether);
    products_.resize(kTogether * columns.cols());
    out.kept.assign(b, false);
    out.results.assign(b * p, AssocResult{});
    GenotypeSums sums[kTogether];
    if (tested.recoded() && additive_.empty()) {
        additive_.resize(kTogether);
        for (const std::vector<std::int8_t>& status : nulls_.status) {
            left_out_.push_back(rows_with_status(status, -1));
            cases_.push_back(rows_with_status(status, 1));
        }
    }
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
        dot_products(kept_values, n_kept, columns.data(), columns.cols(), n, products_.data());
        for (std::size_t k = 0; k < n_kept; ++k) {
            const std::size_t v = kept_variants[k];
            const Genotype genotype{block.variant(v), kept_values[k], sums[k]};
            if (!genotype.sums.dosages) find_homozygotes(genotype.calls, n, genotype.sums);
            for (std::size_t t = 0; t < p; ++t) {
                test_trait(t, genotype, products_.data() + k * columns.cols(), out.results[v * p + t]);
                if (tested.recoded()) additive_[k].report(left_out_[t], &cases_[t], out.results[v * p + t]);
            }
        }
    }
}

void LogisticBlockTest::find_homozygotes(const std::int8_t* calls, std::size_t n, const GenotypeSums& sums) {
    homozygotes_are_a1_ = sums.n2 <= sums.n0;
    const std::int8_t code = homozygotes_are_a1_ ? 2 : 0;
    homozygotes_.resize(n);
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {  // branch-free append
        homozygotes_[count] = i;
        count += calls[i] == code;
    }
    homozygotes_.resize(count);
}

void LogisticBlockTest::test_trait(std::size_t trait, const Genotype& genotype, const double* products,
                                   AssocResult& result) {
    const GenotypeSums& all = genotype.sums;
    const LogisticNull& null = nulls_.traits[trait];
    const std::vector<std::int8_t>& status = nulls_.status[trait];
    const std::size_t r = nulls_.rank(trait), first = nulls_.first_column[trait];
    const double* p = products + first;
    const Matrix& columns = nulls_.columns;
    result.test = TestKind::score;

    // The trait's samples with a missing call, and what imputing them with the mean adds to the products.
    std::size_t missing_cases = 0, missing_controls = 0;
    for (std::size_t row : all.missing) {
        missing_cases += status[row] == 1;
        missing_controls += status[row] == 0;
    }
    result.n_cases = null.cases - missing_cases;
    result.n_controls = null.controls - missing_controls;
    result.n = result.n_cases + result.n_controls;
    const double case_sum = p[r + 2], all_sum = p[r + 3];
    const double n_called = static_cast<double>(result.n);
    result.a1_freq = result.n > 0 ? all_sum / (2.0 * n_called) : 0.0;
    result.a1_freq_cases = result.n_cases > 0 ? case_sum / (2.0 * result.n_cases) : 0.0;
    result.a1_freq_controls = result.n_controls > 0 ? (all_sum - case_sum) / (2.0 * result.n_controls) : 0.0;
    if (!null.usable) return void(result.error = ErrorCode::null_fit_failed);
    if (result.n <= r + 1 || result.n_cases == 0 || result.n_controls == 0)
        return void(result.error = ErrorCode::too_few_samples);

    const double* w = columns.column(first + r + 1);
    const Squares squares = squared_genotypes(genotype, status, w, null.weight_sum, p[r + 1], all_sum, result.n);
    if (genotype.sums.dosages) result.info = mach_r2(n_called, all_sum, squares.sum);
    if (!genotypes_vary(n_called, all_sum, squares.sum)) return void(result.error = ErrorCode::constant_allele);

    const double mean = all_sum / n_called;
    basis_.assign(p, p + r);  // B'g
    double* basis = basis_.data();
    double score = p[r], weighted_sum = p[r + 1], weighted_squares = squares.weighted_sum;
    for (std::size_t row : all.missing) {
        if (status[row] < 0) continue;
        for (std::size_t c = 0; c < r; ++c) basis[c] += mean * columns(row, first + c);
        score += mean * columns(row, first + r);
        weighted_sum += mean * w[row];
        weighted_squares += mean * mean * w[row];
    }
    double variance = weighted_squares;
    for (std::size_t c = 0; c < r; ++c) variance -= basis[c] * basis[c];
    const double centered = weighted_squares - weighted_sum * weighted_sum / null.weight_sum;
    if (!(variance > 0) || centered > filters_.max_vif * variance) return void(result.error = ErrorCode::vif_too_high);

    const double z = score / std::sqrt(variance);
    const double log_p = log_p_two_sided_normal(z);
    result.beta = score / variance;
    result.se = 1.0 / std::sqrt(variance);
    result.t = z;
    result.log10_p = log_p / kLn10;
    if (settings_.correction != Correction::none && log_p < std::log(settings_.p_threshold))
        correct(trait, genotype, mean, basis, score, variance, result);
}

LogisticBlockTest::Squares LogisticBlockTest::squared_genotypes(const Genotype& genotype,
                                                                const std::vector<std::int8_t>& status, const double* w,
                                                                double weight_sum, double weighted_genotypes,
                                                                double all_sum, std::size_t n_called) const {
    Squares squares;
    if (genotype.sums.dosages) {
        for (std::size_t row = 0; row < status.size(); ++row) {
            const double g2 = genotype.values[row] * genotype.values[row];  // 0 where missing
            squares.sum += status[row] >= 0 ? g2 : 0.0;
            squares.weighted_sum += w[row] * g2;
        }
        return squares;
    }
    // With calls, sum of w g^2 = g'w + 2 W2, W2 the weight of the trait's A1 homozygotes, summed over the rarer
    // homozygote class: over the A1 homozygotes themselves, or from the A2 homozygotes through
    // W2 = g'w - (W - W0 - W_missing).
    double class_weight = 0;
    std::size_t class_count = 0;
    for (std::size_t row : homozygotes_) {
        class_weight += w[row];
        class_count += status[row] >= 0;
    }
    double homozygous_weight = class_weight;
    std::size_t homozygous = class_count;
    if (!homozygotes_are_a1_) {
        double missing_weight = 0;
        for (std::size_t row : genotype.sums.missing) missing_weight += w[row];
        homozygous_weight = weighted_genotypes - (weight_sum - class_weight - missing_weight);
        homozygous = static_cast<std::size_t>(all_sum) - (n_called - class_count);
    }
    squares.sum = all_sum + 2.0 * static_cast<double>(homozygous);
    squares.weighted_sum = weighted_genotypes + 2.0 * homozygous_weight;
    return squares;
}

void LogisticBlockTest::correct(std::size_t trait, const Genotype& genotype, double mean,
                                const double* basis_products, double score, double variance, AssocResult& result) {
    const LogisticNull& null = nulls_.traits[trait];
    if (settings_.correction == Correction::firth && !settings_.approximate_firth)
        return firth_exact(null, genotype, result);
    const std::size_t n = null.rows.size(), r = null.design.cols();
    trait_genotype_.imputed.resize(n);
    trait_genotype_.adjusted.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t row = null.rows[k];
        trait_genotype_.imputed[k] = genotype.calls[row] < 0 ? mean : genotype.values[row];
        double projection = 0;
        for (std::size_t c = 0; c < r; ++c) projection += null.adjust(k, c) * basis_products[c];
        trait_genotype_.adjusted[k] = trait_genotype_.imputed[k] - projection;
    }
    if (settings_.correction == Correction::spa) return saddle_point(null, genotype, score, variance, result);
    firth_approximate(null, variance, result);
}

void LogisticBlockTest::saddle_point(const LogisticNull& null, const Genotype& genotype, double score,
                                     double variance, AssocResult& result) {
    result.test = TestKind::spa;
    // For a rare variant only the carriers of the minor allele enter the saddle point exactly; dosages, which are
    // rarely exactly 0 or 2, all enter it.
    const std::size_t n = null.rows.size();
    const std::int8_t* calls = genotype.calls;
    std::size_t counts[3] = {0, 0, 0};
    for (std::size_t row : null.rows)
        if (calls[row] >= 0) ++counts[calls[row]];
    const int major = counts[0] >= counts[2] ? 0 : 2;
    exact_rows_.clear();
    const bool rare = !genotype.sums.dosages && counts[major] >= n - n / kRareCarrierFraction;
    for (std::size_t k = 0; k < n; ++k)
        if (!rare || calls[null.rows[k]] != major) exact_rows_.push_back(k);
    const double log_p = log_p_saddle_point(trait_genotype_.adjusted, null.fitted, score, variance, exact_rows_);
    if (std::isnan(log_p)) return void(result.error = ErrorCode::spa_failed);
    result.log10_p = log_p / kLn10;
    const double z = normal_quantile_two_sided(log_p);
    result.t = std::copysign(z, score);
    if (z > 0) result.se = std::abs(result.beta) / z;
}

// The variant's effect alone, on the covariate-adjusted genotype, with the null linear predictor as offset: one
// parameter per fit. The reference likelihood is the null model's plus the penalty at zero, log(g~'Wg~) / 2.
void LogisticBlockTest::firth_approximate(const LogisticNull& null, double variance, AssocResult& result) {
    result.test = TestKind::firth;
    // The score test's one-step estimate starts the iteration close to the answer.
    const SingleFirthFit fit =
        fit_firth_single(trait_genotype_.adjusted, null.y, null.eta, std::clamp(result.beta, -5.0, 5.0));
    if (!fit.converged) return void(result.error = ErrorCode::firth_failed);
    report_firth(fit.beta, 1.0 / std::sqrt(fit.information), fit.log_likelihood,
                 null.log_likelihood + 0.5 * std::log(variance), result);
}

// The full model, covariates and variant, on the trait's samples with a call: what plink2 --glm firth fits. Its
// likelihood-ratio reference is the same model with the variant's coefficient held at 0 and the covariates refitted
// under the whole design's penalty (Firth's profile penalized likelihood, as logistf and regenie compute it); a
// covariates-only fit with its own penalty would lack the variant's share of log|X'WX| and inflate every statistic.
void LogisticBlockTest::firth_exact(const LogisticNull& null, const Genotype& genotype, AssocResult& result) {
    const std::int8_t* calls = genotype.calls;
    result.test = TestKind::firth;
    const std::size_t r = null.design.cols();
    std::vector<std::size_t>& kept = firth_.kept;
    kept.clear();
    for (std::size_t k = 0; k < null.rows.size(); ++k)
        if (calls[null.rows[k]] >= 0) kept.push_back(k);
    Matrix& x = firth_.x;
    x.reshape(kept.size(), r + 1);
    std::vector<double>& y = firth_.y;
    std::vector<double>& offset = firth_.offset;
    y.resize(kept.size());
    offset.resize(kept.size());
    for (std::size_t j = 0; j < kept.size(); ++j) {
        const std::size_t k = kept[j];
        for (std::size_t c = 0; c < r; ++c) x(j, c) = null.design(k, c);
        x(j, r) = genotype.values[null.rows[k]];
        y[j] = null.y[k];
        offset[j] = null.offset[k];
    }
    std::vector<double> start = null.firth_usable ? null.firth_beta : null.beta;
    start.push_back(0.0);
    const LogisticFit fit = fit_logistic({x, y, offset}, LogisticPenalty::firth, start, &firth_.workspace);
    if (!fit.converged) return void(result.error = ErrorCode::firth_failed);
    double reference = 0;
    if (!settings_.firth_wald) {
        start.assign(fit.beta.begin(), fit.beta.end() - 1);
        start.push_back(0.0);
        const LogisticFit constrained =
            fit_logistic({x, y, offset, 1}, LogisticPenalty::firth, start, &firth_.workspace);
        if (!constrained.converged) return void(result.error = ErrorCode::firth_failed);
        reference = constrained.log_likelihood;
    }
    report_firth(fit.beta[r], std::sqrt(fit.covariance(r, r)), fit.log_likelihood, reference, result);
}

void LogisticBlockTest::report_firth(double beta, double wald_se, double log_likelihood,
                                     double reference_log_likelihood, AssocResult& result) const {
    result.beta = beta;
    double log_p = 0;
    if (settings_.firth_wald) {
        result.se = wald_se;
        result.t = beta / wald_se;
        log_p = log_p_two_sided_normal(result.t);
    } else {
        const double chi_square = std::max(0.0, 2.0 * (log_likelihood - reference_log_likelihood));
        log_p = log_p_chisq1(chi_square);
        result.t = std::copysign(std::sqrt(chi_square), beta);
        result.se = chi_square > 0 ? std::abs(beta) / std::sqrt(chi_square) : wald_se;
    }
    result.log10_p = log_p / kLn10;
}

}  // namespace ridgeway
