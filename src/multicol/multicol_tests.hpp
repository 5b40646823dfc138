#pragma once
// The tests of a model with several variant columns (--interaction, --interaction-snp, --test genotypic), prepared
// for one run of variants as prepare_linear_tests and prepare_logistic_tests prepare the additive test: the design
// (covariates, the interacting variant among them for GxG; non-PAR X's sex), the traits minus the run's LOCO
// prediction (quantitative) or with it as offset (case/control), then a LinearMulticolTest or LogisticMulticolTest
// per thread.
#include "assoc/block_test.hpp"
#include "assoc/step2.hpp"

namespace ridgeway {

BlockTestFactory prepare_multicol_tests(const Cohort& cohort, const AssocSettings& settings, const VariantBlock& run,
                                        bool first_run, RunLog& log);

// What the result files' metadata says about the model, in words.
std::string describe_multicol(const AssocSettings& settings, bool binary);

}  // namespace ridgeway
