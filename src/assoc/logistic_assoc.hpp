#pragma once
// The tests of step 2 for case/control traits, prepared for one run of variants: each trait's null logistic model
// (covariates, with the run's LOCO prediction as offset), then LogisticBlockTest per thread.
#include "assoc/block_test.hpp"
#include "assoc/step2.hpp"

namespace ridgeway {

// Each trait's LOCO prediction of `chromosome`, the offset of its logistic models; empty without predictions.
std::vector<std::vector<double>> loco_offsets(const AssocSettings& settings, int chromosome);

// As prepare_linear_tests (linear_assoc.hpp), for case/control traits.
BlockTestFactory prepare_logistic_tests(const Cohort& cohort, const AssocSettings& settings, const VariantBlock& run,
                                        bool first_run, RunLog& log);

}  // namespace ridgeway
