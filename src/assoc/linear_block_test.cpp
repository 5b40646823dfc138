#include "assoc/linear_block_test.hpp"

#include <cmath>

#include <cblas.h>
#include <lapacke.h>

#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

constexpr double kLn10 = 2.302585092994046;

// Solves A x = b for the small symmetric positive-definite A = I - Q_M'Q_M (the covariate Gram on the samples with
// a call), for several right-hand sides; false when dropping the missing samples made the covariates singular.
bool solve_downdated(const std::vector<double>& qm, std::size_t missing, std::size_t rank, std::vector<double>& rhs,
                     std::size_t n_rhs) {
    std::vector<double> a(rank * rank, 0.0);
    for (std::size_t i = 0; i < rank; ++i) a[i * rank + i] = 1.0;
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, static_cast<int>(rank), static_cast<int>(missing), -1.0,
                qm.data(), static_cast<int>(missing), 1.0, a.data(), static_cast<int>(rank));
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', static_cast<lapack_int>(rank), a.data(), static_cast<lapack_int>(rank)) != 0)
        return false;
    for (std::size_t i = 0; i < rank; ++i)
        if (a[i * rank + i] < 1e-7) return false;
    LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', static_cast<lapack_int>(rank), static_cast<lapack_int>(n_rhs), a.data(),
                   static_cast<lapack_int>(rank), rhs.data(), static_cast<lapack_int>(rank));
    return true;
}

}  // namespace

LinearBlockTest::LinearBlockTest(const std::vector<TraitGroup>& groups, std::size_t n_traits, VariantFilters filters)
    : groups_(groups), n_traits_(n_traits), filters_(filters), products_(groups.size()) {}

void LinearBlockTest::count(const std::int8_t* calls, const std::vector<std::size_t>* members, std::size_t n,
                            Counts& counts) const {
    std::size_t histogram[4] = {0, 0, 0, 0};  // index 3 counts missing calls (-1 & 3)
    counts.missing.clear();
    if (members == nullptr) {
        for (std::size_t i = 0; i < n; ++i) ++histogram[calls[i] & 3];
        if (histogram[3] > 0)
            for (std::size_t i = 0; i < n; ++i)
                if (calls[i] == kMissingCall) counts.missing.push_back(i);
    } else {
        for (std::size_t row : *members) {
            ++histogram[calls[row] & 3];
            if (calls[row] == kMissingCall) counts.missing.push_back(row);
        }
    }
    counts.n0 = histogram[0];
    counts.n1 = histogram[1];
    counts.n2 = histogram[2];
}

bool LinearBlockTest::passes_filters(const Counts& all, std::size_t n) const {
    std::size_t called = all.n0 + all.n1 + all.n2;
    if (static_cast<double>(all.missing.size()) > filters_.geno * static_cast<double>(n)) return false;
    double a1_count = static_cast<double>(all.n1 + 2 * all.n2);
    double minor_count = std::min(a1_count, 2.0 * called - a1_count);
    if (minor_count < filters_.mac) return false;
    return called > 0 ? minor_count / (2.0 * called) >= filters_.maf : filters_.maf <= 0;
}

void LinearBlockTest::run(const GenotypeBlock& block, BlockResults& out) {
    const std::size_t n = block.n_samples, b = block.n_variants;
    if (dosages_.rows() != n || dosages_.cols() < b) dosages_ = Matrix(n, b);
    for (std::size_t v = 0; v < b; ++v) {
        const std::int8_t* calls = block.variant(v);
        double* column = dosages_.column(v);
        for (std::size_t i = 0; i < n; ++i) column[i] = calls[i] < 0 ? 0.0 : calls[i];
    }
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        const Matrix& rhs = groups_[g].basis_and_residuals;
        if (products_[g].rows() < b) products_[g] = Matrix(b, rhs.cols());
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, static_cast<int>(b), static_cast<int>(rhs.cols()),
                    static_cast<int>(n), 1.0, dosages_.data(), static_cast<int>(n), rhs.data(), static_cast<int>(n), 0.0,
                    products_[g].data(), static_cast<int>(products_[g].rows()));
    }

    out.kept.assign(b, false);
    out.results.assign(b * n_traits_, AssocResult{});
    Counts all, subset;
    for (std::size_t v = 0; v < b; ++v) {
        const std::int8_t* calls = block.variant(v);
        count(calls, nullptr, n, all);
        out.kept[v] = passes_filters(all, n);
        if (!out.kept[v]) continue;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const Counts* counts = &all;
            if (!groups_[g].everyone) {
                count(calls, &groups_[g].members, n, subset);
                counts = &subset;
            }
            test_group(groups_[g], *counts, products_[g].data() + v, products_[g].rows(), &out.results[v * n_traits_]);
        }
    }
}

void LinearBlockTest::test_group(const TraitGroup& group, const Counts& counts, const double* products,
                                 std::size_t stride, AssocResult* variant_results) const {
    const std::size_t r = group.rank, p = group.traits.size(), m = counts.missing.size();
    const std::size_t n_called = counts.n0 + counts.n1 + counts.n2;
    const double sum = static_cast<double>(counts.n1 + 2 * counts.n2);
    const double gg = static_cast<double>(counts.n1 + 4 * counts.n2);
    auto fill_all = [&](ErrorCode code) {
        for (std::size_t t = 0; t < p; ++t) {
            AssocResult& result = variant_results[group.traits[t]];
            result.n = n_called;
            result.a1_freq = n_called > 0 ? sum / (2.0 * n_called) : 0.0;
            result.error = code;
        }
    };
    fill_all(ErrorCode::none);
    if (counts.n0 == n_called || counts.n1 == n_called || counts.n2 == n_called) return fill_all(ErrorCode::constant_allele);
    if (n_called <= r + 1) return fill_all(ErrorCode::too_few_samples);

    // s = Q'g and, per trait, Q_M'e_M: the pieces that change when the missing samples are left out.
    std::vector<double> rhs((1 + p) * r);
    for (std::size_t c = 0; c < r; ++c) rhs[c] = products[c * stride];
    std::vector<double> missing_residual_ss(p, 0.0);
    if (m > 0) {
        std::vector<double> qm(m * r);
        for (std::size_t c = 0; c < r; ++c)
            for (std::size_t k = 0; k < m; ++k) qm[c * m + k] = group.basis(c)[counts.missing[k]];
        for (std::size_t t = 0; t < p; ++t) {
            const double* e = group.residual(t);
            for (std::size_t c = 0; c < r; ++c) {
                double u = 0;
                for (std::size_t k = 0; k < m; ++k) u += qm[c * m + k] * e[counts.missing[k]];
                rhs[(1 + t) * r + c] = u;
            }
            for (std::size_t k = 0; k < m; ++k) missing_residual_ss[t] += e[counts.missing[k]] * e[counts.missing[k]];
        }
        std::vector<double> solved = rhs;
        if (!solve_downdated(qm, m, r, solved, 1 + p)) return fill_all(ErrorCode::covariates_singular);
        // Replace each right-hand side by A^-1 times it, keeping the originals for the inner products below.
        rhs.insert(rhs.end(), solved.begin(), solved.end());
    } else {
        rhs.insert(rhs.end(), rhs.begin(), rhs.end());
    }
    const double* s = rhs.data();
    const double* solved = rhs.data() + (1 + p) * r;

    double rg_rg = gg;
    for (std::size_t c = 0; c < r; ++c) rg_rg -= s[c] * solved[c];
    const double centered_ss = gg - sum * sum / static_cast<double>(n_called);
    if (!(rg_rg > 0) || centered_ss > filters_.max_vif * rg_rg) return fill_all(ErrorCode::vif_too_high);
    const double df = static_cast<double>(n_called - r - 1);

    for (std::size_t t = 0; t < p; ++t) {
        AssocResult& result = variant_results[group.traits[t]];
        const double* u = s + (1 + t) * r;
        const double* u_solved = solved + (1 + t) * r;
        double rg_ry = products[(r + t) * stride];
        double ry_ry = group.residual_ss[t] - missing_residual_ss[t];
        for (std::size_t c = 0; c < r; ++c) {
            rg_ry += solved[c] * u[c];
            ry_ry -= u[c] * u_solved[c];
        }
        double beta = rg_ry / rg_rg;
        double rss = ry_ry - beta * rg_ry;
        if (!(rss > 1e-14 * ry_ry)) {
            result.error = ErrorCode::perfect_fit;
            continue;
        }
        result.beta = beta;
        result.se = std::sqrt(rss / df / rg_rg);
        result.t = beta / result.se;
        result.log10_p = log_p_two_sided_t(result.t, df) / kLn10;
    }
}

}  // namespace ridgeway
