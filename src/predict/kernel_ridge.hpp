#pragma once
// Kernel ridge regression of several traits at once on the training samples: (K + lambda I) alpha = y.
//
// The hyper-parameters (bandwidth and penalty) are chosen per trait by K-fold cross-validated mean squared error over
// a grid; each grid point needs one factorization per fold, shared by every trait. The penalty is given as a
// heritability h2: lambda = (1 - h2) / h2 times the mean of K's diagonal, the ratio of noise to genetic variance
// when K is a relationship matrix. The final fit solves once per distinct choice, for the traits that made it.
#include <cstdint>
#include <functional>
#include <vector>

#include "linalg/matrix.hpp"
#include "linalg/spd_solver.hpp"
#include "predict/training_gram.hpp"

namespace ridgeway {

struct GridPoint {
    double bandwidth = 0;  // multiple of the median training distance (gaussian); 0 for linear
    double h2 = 0;
};

// The dual form solves N x N systems (N training samples); the primal form, for the linear kernel only, M x M ones
// (M variants). Automatic picks the smaller.
enum class RidgeForm { automatic, dual, primal };

struct KernelRidgeSettings {
    KernelKind kind = KernelKind::linear;
    RidgeForm form = RidgeForm::automatic;
    std::vector<double> bandwidths{1.0};
    std::vector<double> h2_grid{0.5};
    std::size_t folds = 5;
    std::uint64_t seed = 1;
    Precision precision = Precision::mixed;
    int threads = 1;
};

struct TraitChoice {
    GridPoint point;
    KernelFunction kernel;
    double penalty = 0;
    double cv_mse = 0;  // NaN when the grid has one point (nothing to choose, no cross-validation)
};

struct PhaseSeconds {
    double cross_validation = 0, kernel_build = 0, factorization = 0, solve = 0;
};

struct KernelRidgeFit {
    std::vector<GridPoint> grid;
    Matrix cv_mse;  // grid points x traits; empty without cross-validation
    std::vector<TraitChoice> choices;
    Matrix alpha;    // dual form: training samples x traits
    Matrix weights;  // primal form (linear kernel): variants x traits, the prediction being (g - c).w
    SpdSolveTally cv_solves, final_solves;
    PhaseSeconds seconds;
};

// The grid of (bandwidth, h2) points, bandwidth-major; one bandwidth of 0 for the linear kernel.
std::vector<GridPoint> make_grid(const KernelRidgeSettings& settings);

// K folds of a seeded random permutation of n samples, each sorted. Both forms use these, so that they choose alike.
std::vector<std::vector<std::size_t>> random_folds(std::size_t n, std::size_t k, std::uint64_t seed);

// The K-fold loop both forms share. For each fold, `fold(held, record)` fits on the other samples and calls
// record(g, predicted) with its held-out predictions (held x traits) at every grid point g. Returns the mean squared
// error of those predictions against y, grid points x traits.
using RecordPredictions = std::function<void(std::size_t point, const Matrix& predicted)>;
using FoldFit = std::function<void(const std::vector<std::size_t>& held, const RecordPredictions& record)>;
Matrix cross_validated_errors(const Matrix& y, std::size_t grid_points, const KernelRidgeSettings& settings,
                              const FoldFit& fold);

// Per trait, the grid point of least cross-validated error (the first of equals).
std::vector<std::size_t> best_points(const Matrix& cv_mse, std::size_t traits);

// `y` is training samples x traits, complete. `base` is the kernel before the bandwidth: the linear kernel, or a
// gaussian whose sigma2 is the median squared distance (scaled by each bandwidth squared).
KernelRidgeFit fit_kernel_ridge(const TrainingGram& gram, const KernelFunction& base, const std::vector<double>& terms,
                                const Matrix& y, const KernelRidgeSettings& settings);

}  // namespace ridgeway
