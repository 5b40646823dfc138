#include "predict/primal_ridge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#include "core/stopwatch.hpp"
#include "linalg/blas_threads.hpp"
#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"
#include "linalg/triangle_buffer.hpp"

namespace ridgeway {

namespace {

// What the primal system of a set of samples needs: G'G (M x M: exact int32 for calls, FP64 for dosages),
// per-variant genotype sums, G'y (M x traits), per-trait sums of y, and the set's size. A training set's moments are
// the total's minus its fold's.
struct GenotypeMoments {
    std::vector<std::int32_t> gram;    // calls
    std::vector<double> dosage_gram;   // dosages
    std::vector<double> genotype_sums;
    Matrix cross;
    std::vector<double> trait_sums;
    std::size_t n = 0;

    double gram_at(std::size_t index) const { return gram.empty() ? dosage_gram[index] : gram[index]; }

    GenotypeMoments minus(const GenotypeMoments& part) const {
        GenotypeMoments out = *this;
        for (std::size_t i = 0; i < gram.size(); ++i) out.gram[i] -= part.gram[i];
        for (std::size_t i = 0; i < dosage_gram.size(); ++i) out.dosage_gram[i] -= part.dosage_gram[i];
        for (std::size_t v = 0; v < genotype_sums.size(); ++v) out.genotype_sums[v] -= part.genotype_sums[v];
        for (std::size_t i = 0; i < cross.rows() * cross.cols(); ++i) out.cross.data()[i] -= part.cross.data()[i];
        for (std::size_t t = 0; t < trait_sums.size(); ++t) out.trait_sums[t] -= part.trait_sums[t];
        out.n -= part.n;
        return out;
    }
};

class PrimalSystem {
public:
    PrimalSystem(const GenotypeTable& train, const VariantCoding& coding, const KernelFunction& linear,
                 const Matrix& y, const KernelRidgeSettings& settings)
        : train_(train), centre_(coding.centre), scale_(linear.scale), y_(y), settings_(settings),
          solver_(settings.precision), m_(train.n_variants) {}

    // The moments of the samples `rows`, whose genotypes are gathered variant-major for the product.
    GenotypeMoments moments(const std::vector<std::size_t>& rows) const {
        GenotypeMoments out{{}, {}, std::vector<double>(m_, 0.0), Matrix(m_, y_.cols()),
                            std::vector<double>(y_.cols(), 0.0), rows.size()};
        train_.visit([&](const auto* values) {
            using Value = std::remove_const_t<std::remove_pointer_t<decltype(values)>>;
            std::vector<Value> variant_major(m_ * rows.size());
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const Value* row = values + rows[r] * m_;
                for (std::size_t v = 0; v < m_; ++v) variant_major[v * rows.size() + r] = row[v];
            }
            if constexpr (std::is_same_v<Value, float>)
                dosage_gram_full({variant_major.data(), m_, rows.size(), rows.size()}, settings_.threads,
                                 out.dosage_gram);
            else
                gram_full({variant_major.data(), m_, rows.size(), rows.size()}, settings_.precision,
                          settings_.threads, out.gram);
            for (std::size_t v = 0; v < m_; ++v) {
                const Value* column = variant_major.data() + v * rows.size();
                for (std::size_t r = 0; r < rows.size(); ++r) out.genotype_sums[v] += column[r];
                for (std::size_t t = 0; t < y_.cols(); ++t) {
                    double sum = 0;
                    for (std::size_t r = 0; r < rows.size(); ++r) sum += static_cast<double>(column[r]) * y_(rows[r], t);
                    out.cross(v, t) = sum;
                }
            }
        });
        for (std::size_t t = 0; t < y_.cols(); ++t)
            for (std::size_t r : rows) out.trait_sums[t] += y_(r, t);
        return out;
    }

    // w (M x traits) solving (C'C + lambda s I) w = C'y over the set, with lambda = (1 - h2) / h2 times the mean
    // diagonal of the set's dual kernel, trace(C'C) / (s n): the dual form's penalty.
    Matrix solve(const GenotypeMoments& set, double h2, double& penalty, SpdSolveReport& report) {
        const std::vector<double>& c = centre_;
        const auto n = static_cast<double>(set.n);
        double* system = system_.resize(m_);
        double trace = 0;
        for (std::size_t j = 0; j < m_; ++j)
            for (std::size_t i = j; i < m_; ++i) {
                const double value =
                    set.gram_at(i * m_ + j) - c[i] * set.genotype_sums[j] - set.genotype_sums[i] * c[j] + n * c[i] * c[j];
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
    const GenotypeTable& train_;
    const std::vector<double>& centre_;
    double scale_;
    const Matrix& y_;
    const KernelRidgeSettings& settings_;
    SpdSolver solver_;
    std::size_t m_;
    TriangleBuffer<double> system_;  // the lower triangle of each system
};

Matrix cross_validate(PrimalSystem& system, const GenotypeTable& train, const VariantCoding& coding,
                      const GenotypeMoments& total, const std::vector<GridPoint>& grid, const Matrix& y,
                      const KernelRidgeSettings& settings, SpdSolveTally& tally) {
    return cross_validated_errors(y, grid.size(), settings, [&](const auto& held, const auto& record) {
        const GenotypeMoments training = total.minus(system.moments(held));
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

KernelRidgeFit fit_primal_ridge(const GenotypeTable& train, const VariantCoding& coding, const KernelFunction& linear,
                                const Matrix& y, const KernelRidgeSettings& settings) {
    KernelRidgeFit fit;
    fit.grid = make_grid(settings);
    const std::size_t n = y.rows(), traits = y.cols();
    PrimalSystem system(train, coding, linear, y, settings);
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    Stopwatch start;
    const GenotypeMoments total = system.moments(all);
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
