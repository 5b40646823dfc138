#pragma once
// The linear kernel in primal form, for when there are fewer variants M than training samples N: M x M systems
// (C'C + lambda s I) w = C'y, with C = G - 1c' the centred genotypes, instead of N x N ones. By the push-through
// identity w = C'alpha / s for the dual solution alpha, so both forms give the same predictions, penalties and
// cross-validated errors (on the same folds) up to rounding. Fold Grams come from products of the variant-major
// genotypes (exact integers for calls, FP64 for dosages), the training Gram of a fold being the full Gram minus the
// fold's own (exact for calls; for dosages a difference of sums of non-negative products, so it loses no more than
// a few roundoffs of the full Gram's entries).
#include "predict/genotype_table.hpp"
#include "predict/kernel_ridge.hpp"

namespace ridgeway {

// `linear` is the linear kernel of `coding`; `y` is training samples x traits, complete.
KernelRidgeFit fit_primal_ridge(const GenotypeTable& train, const VariantCoding& coding, const KernelFunction& linear,
                                const Matrix& y, const KernelRidgeSettings& settings);

}  // namespace ridgeway
