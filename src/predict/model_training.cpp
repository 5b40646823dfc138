#include "predict/model_training.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <lapacke.h>

#include "core/stopwatch.hpp"
#include "core/error.hpp"
#include "core/memory_budget.hpp"
#include "core/run_log.hpp"
#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"
#include "predict/primal_ridge.hpp"

namespace ridgeway {

namespace {

// Least-squares effects of [1, covariates] on every trait (intercept first), by the normal equations.
Matrix covariate_effects(const Matrix& covariates, const Matrix& traits) {
    const std::size_t n = traits.rows(), p = covariates.cols() + 1, q = traits.cols();
    Matrix design(n, p, 1.0);
    for (std::size_t c = 0; c + 1 < p; ++c) std::copy_n(covariates.column(c), n, design.column(c + 1));
    Matrix normal(p, p), effects(p, q);
    for (std::size_t a = 0; a < p; ++a) {
        for (std::size_t b = 0; b < p; ++b)
            for (std::size_t i = 0; i < n; ++i) normal(a, b) += design(i, a) * design(i, b);
        for (std::size_t t = 0; t < q; ++t)
            for (std::size_t i = 0; i < n; ++i) effects(a, t) += design(i, a) * traits(i, t);
    }
    const auto pp = static_cast<lapack_int>(p);
    if (LAPACKE_dposv(LAPACK_COL_MAJOR, 'L', pp, static_cast<lapack_int>(q), normal.data(), pp, effects.data(), pp) != 0)
        throw Error(ErrorKind::numerical, "the covariates of the training samples are collinear");
    return effects;
}

// Primal weights of the linear kernel: w = (G - 1 c')' alpha / s, so that a new sample's prediction is (g - c).w.
Matrix linear_weights(const GenotypeTable& table, const VariantCoding& coding, const KernelFunction& kernel,
                      const Matrix& alpha) {
    const std::size_t m = table.n_variants, traits = alpha.cols();
    Matrix weights(m, traits);
    table.visit([&](const auto* values) {
        for (std::size_t t = 0; t < traits; ++t) {
            double* w = weights.column(t);
            double alpha_sum = 0;
            for (std::size_t i = 0; i < table.n_samples; ++i) {
                const double a = alpha(i, t);
                alpha_sum += a;
                const auto* row = values + i * m;
                for (std::size_t v = 0; v < m; ++v) w[v] += static_cast<double>(row[v]) * a;
            }
            for (std::size_t v = 0; v < m; ++v) w[v] = (w[v] - coding.centre[v] * alpha_sum) / kernel.scale;
        }
    });
    return weights;
}

}  // namespace

bool uses_primal_form(const KernelRidgeSettings& settings, std::size_t samples, std::size_t variants) {
    return settings.kind == KernelKind::linear &&
           (settings.form == RidgeForm::primal || (settings.form == RidgeForm::automatic && variants < samples));
}

std::optional<TrainedModel> train_model(const TrainingData& data, const KernelRidgeSettings& settings,
                                        std::size_t memory_mib, const GramMaker& make_gram, RunLog& log) {
    const std::size_t n = data.samples.size(), m = data.variants.size(), traits = data.trait_names.size();
    const bool primal = uses_primal_form(settings, n, m);
    if (settings.form == RidgeForm::primal && settings.kind != KernelKind::linear)
        throw Error(ErrorKind::usage, "--form primal applies to the linear kernel only");
    const std::size_t factor_bytes = settings.precision == Precision::fp64 ? 0 : 4;
    // Calls take 1 byte and exact int32 products 4; dosages 4 (float) and FP64 products 8.
    const bool dosage = data.genotypes->has_dosages();
    const std::size_t genotype_bytes = dosage ? 4 : 1, product_bytes = dosage ? 8 : 4;
    std::size_t needed = 0;
    if (primal) {
        // Genotypes and a variant-major copy; total, fold and training Grams; one system and its FP32 factor.
        needed = 2 * genotype_bytes * n * m + (3 * product_bytes + 8 + factor_bytes) * m * m;
    } else {
        // Genotypes, the packed products, one system and its FP32 factor, the held-out cross kernel.
        const std::size_t fold_rows = settings.folds > 1 ? n - n / settings.folds : n;
        needed = genotype_bytes * n * m + product_bytes * n * (n + 1) / 2 + (8 + factor_bytes) * n * n +
                 8 * (n - fold_rows + 1) * fold_rows;
    }
    require_memory(memory_mib, needed, fmt::format("kernel ridge regression on {} training samples x {} variants", n, m));

    TrainedModel trained;
    PredictionModel& model = trained.model;
    model.kind = settings.kind;
    model.dosage = dosage;
    model.covariate_names = data.covariate_names;
    for (std::size_t v : data.variants) model.variants.push_back(data.genotypes->variants()[v]);
    Stopwatch read_start;
    GenotypeTable genotypes =
        read_training_genotypes(*data.genotypes, data.variants, data.samples, settings.threads, model.coding);
    trained.read_seconds = read_start.seconds();
    const Matrix effects = covariate_effects(data.covariates, data.traits);
    Matrix residuals = data.traits;
    Matrix covariate_part(n, traits);
    for (std::size_t t = 0; t < traits; ++t)
        for (std::size_t i = 0; i < n; ++i) {
            double value = effects(0, t);
            for (std::size_t c = 0; c < data.covariates.cols(); ++c) value += effects(c + 1, t) * data.covariates(i, c);
            covariate_part(i, t) = value;
            residuals(i, t) -= value;
        }

    model.linear = linear_kernel(model.coding);
    log.info(fmt::format("Kernel ridge regression in {} form: {} training samples x {} variants; products {}",
                         primal ? "primal (variants x variants)" : "dual (samples x samples)", n, m,
                         dosage ? dosage_product_route() : product_route(settings.precision)));
    std::vector<double> terms;
    if (primal) {
        trained.fit = fit_primal_ridge(genotypes, model.coding, model.linear, residuals, settings);
    } else {
        Stopwatch start;
        const std::optional<TrainingGram> products = make_gram(genotypes);
        if (!products) return std::nullopt;
        const TrainingGram& gram = *products;
        trained.product_seconds = start.seconds();
        KernelFunction base = model.linear;
        if (settings.kind == KernelKind::gaussian) {
            Stopwatch median_start;
            base = KernelFunction{KernelKind::gaussian, gram.median_squared_distance(settings.threads), 1, 0};
            if (base.sigma2 <= 0) throw Error(ErrorKind::inconsistent, "the training samples' genotypes are all identical");
            log.info(fmt::format("Gaussian kernel: median squared distance between training samples {} ({:.3f} s)",
                                 base.sigma2, median_start.seconds()));
        }
        terms = sample_terms(settings.kind, genotypes, model.coding);
        trained.fit = fit_kernel_ridge(gram, base, terms, residuals, settings);
    }
    const KernelRidgeFit& fit = trained.fit;

    for (std::size_t t = 0; t < traits; ++t) {
        const TraitChoice& choice = fit.choices[t];
        TraitModel trait{data.trait_names[t], choice.point.bandwidth, choice.point.h2, choice.penalty,
                         choice.kernel.sigma2, choice.cv_mse, {}};
        for (std::size_t c = 0; c < effects.rows(); ++c) trait.covariate_effects.push_back(effects(c, t));
        model.traits.push_back(trait);
    }
    if (primal) {
        model.weights = fit.weights;
    } else if (settings.kind == KernelKind::linear) {
        model.weights = linear_weights(genotypes, model.coding, model.linear, fit.alpha);
    } else {
        model.alpha = fit.alpha;
        model.training_terms = terms;
        model.training = std::move(genotypes);
    }
    Stopwatch start;
    if (primal) {
        trained.fitted = centred_scores(genotypes, {}, model.coding.centre, model.weights);
    } else {
        // (K + lambda I) alpha = r, so K alpha = r - lambda alpha: no product with the N x N kernel or the N x M
        // genotypes. It agrees with predicting the training samples through the model to about 1e-11 relative.
        trained.fitted = residuals;
        for (std::size_t t = 0; t < traits; ++t)
            for (std::size_t i = 0; i < n; ++i) trained.fitted(i, t) -= fit.choices[t].penalty * fit.alpha(i, t);
    }
    for (std::size_t i = 0; i < n * traits; ++i) trained.fitted.data()[i] += covariate_part.data()[i];
    trained.fitted_seconds = start.seconds();
    return trained;
}

}  // namespace ridgeway
