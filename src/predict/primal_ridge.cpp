#include "predict/primal_ridge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/stopwatch.hpp"
#include "linalg/blas_threads.hpp"
#include "linalg/triangle_buffer.hpp"
#include "linalg/genotype_products.hpp"

namespace ridgeway {

namespace {

// What the primal system of a set of samples needs: G'G (M x M, exact), per-variant call sums, G'y (M x traits),
// per-trait sums of y, and the set's size. A training set's moments are the total's minus its fold's.
struct CallMoments {
    std::vector<std::int32_t> gram;
    std::vector<double> call_sums;
    Matrix cross;
    std::vector<double> trait_sums;
    std::size_t n = 0;

    CallMoments minus(const CallMoments& part) const {
        CallMoments out = *this;
        for (std::size_t i = 0; i < gram.size(); ++i) out.gram[i] -= part.gram[i];
        for (std::size_t v = 0; v < call_sums.size(); ++v) out.call_sums[v] -= part.call_sums[v];
        for (std::size_t i = 0; i < cross.rows() * cross.cols(); ++i) out.cross.data()[i] -= part.cross.data()[i];
        for (std::size_t t = 0; t < trait_sums.size(); ++t) out.trait_sums[t] -= part.trait_sums[t];
        out.n -= part.n;
        return out;
    }
};

class PrimalSystem {
public:
    PrimalSystem(const CallTable& train, const VariantCoding& coding, const KernelFunction& linear, const Matrix& y,
                 const KernelRidgeSettings& settings)
        : train_(train), centre_(coding.centre), scale_(linear.scale), y_(y), settings_(settings),
          solver_(settings.precision), m_(train.n_variants) {}

    // The moments of the samples `rows`, whose calls are gathered variant-major for the product.
    CallMoments moments(const std::vector<std::size_t>& rows) const {
        CallMoments out{{}, std::vector<double>(m_, 0.0), Matrix(m_, y_.cols()), std::vector<double>(y_.cols(), 0.0),
                        rows.size()};
        std::vector<std::int8_t> variant_major(m_ * rows.size());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const std::int8_t* row = train_.calls.data() + rows[r] * m_;
            for (std::size_t v = 0; v < m_; ++v) variant_major[v * rows.size() + r] = row[v];
        }
        gram_full({variant_major.data(), m_, rows.size(), rows.size()}, settings_.precision, settings_.threads, out.gram);
        for (std::size_t v = 0; v < m_; ++v) {
            const std::int8_t* calls = variant_major.data() + v * rows.size();
            for (std::size_t r = 0; r < rows.size(); ++r) out.call_sums[v] += calls[r];
            for (std::size_t t = 0; t < y_.cols(); ++t) {
                double sum = 0;
                for (std::size_t r = 0; r < rows.size(); ++r) sum += calls[r] * y_(rows[r], t);
                out.cross(v, t) = sum;
            }
        }
        for (std::size_t t = 0; t < y_.cols(); ++t)
            for (std::size_t r : rows) out.trait_sums[t] += y_(r, t);
        return out;
    }

    // w (M x traits) solving (C'C + lambda s I) w = C'y over the set, with lambda = (1 - h2) / h2 times the mean
    // diagonal of the set's dual kernel, trace(C'C) / (s n): the dual form's penalty.
    Matrix solve(const CallMoments& set, double h2, double& penalty, SpdSolveReport& report) {
        const std::vector<double>& c = centre_;
        const auto n = static_cast<double>(set.n);
        double* system = system_.resize(m_);
        double trace = 0;
        for (std::size_t j = 0; j < m_; ++j)
            for (std::size_t i = j; i < m_; ++i) {
                const double value =
                    set.gram[i * m_ + j] - c[i] * set.call_sums[j] - set.call_sums[i] * c[j] + n * c[i] * c[j];
                system[j * m_ + i] = value;
                if (i == j) trace += value;
            }
        penalty = (1 - h2) / h2 * trace / (scale_ * n);
        for (std::size_t i = 0; i < m_; ++i) system[i * m_ + i] += penalty * scale_;
        Matrix w(m_, y_.cols());
        for (std::size_t t = 0; t < y_.cols(); ++t)
            for (std::size_t v = 0; v < m_; ++v) w(v, t) = set.cross(v, t) - c[v] * set.trait_sums[t];
        const BlasThreads blas(settings_.threads);
        report = solver_.solve(system, m_, m_, w.data(), w.cols(), m_);
        return w;
    }

    void release() { system_.release(); }

private:
    const CallTable& train_;
    const std::vector<double>& centre_;
    double scale_;
    const Matrix& y_;
    const KernelRidgeSettings& settings_;
    SpdSolver solver_;
    std::size_t m_;
    TriangleBuffer<double> system_;  // the lower triangle of each system
};

Matrix cross_validate(PrimalSystem& system, const CallTable& train, const VariantCoding& coding,
                      const CallMoments& total, const std::vector<GridPoint>& grid, const Matrix& y,
                      const KernelRidgeSettings& settings, SpdSolveTally& tally) {
    return cross_validated_errors(y, grid.size(), settings, [&](const auto& held, const auto& record) {
        const CallMoments training = total.minus(system.moments(held));
        for (std::size_t g = 0; g < grid.size(); ++g) {
            double penalty = 0;
            SpdSolveReport report;
            const Matrix w = system.solve(training, grid[g].h2, penalty, report);
            tally.add(report);
            record(g, centred_scores(train, held, coding.centre, w));
        }
    });
}

}  // namespace

KernelRidgeFit fit_primal_ridge(const CallTable& train, const VariantCoding& coding, const KernelFunction& linear,
                                const Matrix& y, const KernelRidgeSettings& settings) {
    KernelRidgeFit fit;
    fit.grid = make_grid(settings);
    const std::size_t n = y.rows(), traits = y.cols();
    PrimalSystem system(train, coding, linear, y, settings);
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    Stopwatch start;
    const CallMoments total = system.moments(all);
    fit.seconds.kernel_build = start.seconds();
    std::vector<std::size_t> best(traits, 0);
    if (fit.grid.size() > 1) {
        start.restart();
        fit.cv_mse = cross_validate(system, train, coding, total, fit.grid, y, settings, fit.cv_solves);
        best = best_points(fit.cv_mse, traits);
        fit.seconds.cross_validation = start.seconds();
    }
    fit.weights = Matrix(train.n_variants, traits);
    fit.choices.resize(traits);
    for (std::size_t g = 0; g < fit.grid.size(); ++g) {
        if (std::find(best.begin(), best.end(), g) == best.end()) continue;
        double penalty = 0;
        SpdSolveReport report;
        start.restart();
        const Matrix w = system.solve(total, fit.grid[g].h2, penalty, report);
        fit.seconds.kernel_build += start.seconds() - report.factor_seconds - report.solve_seconds;
        fit.seconds.factorization += report.factor_seconds;
        fit.seconds.solve += report.solve_seconds;
        fit.final_solves.add(report);
        for (std::size_t t = 0; t < traits; ++t) {
            if (best[t] != g) continue;
            std::copy_n(w.column(t), train.n_variants, fit.weights.column(t));
            const double mse = fit.cv_mse.rows() ? fit.cv_mse(g, t) : std::numeric_limits<double>::quiet_NaN();
            fit.choices[t] = {fit.grid[g], linear, penalty, mse};
        }
    }
    system.release();
    return fit;
}

}  // namespace ridgeway
