#pragma once
// The tests of step 2 for case/control traits, prepared for one run of variants: each trait's null logistic model
// (covariates, with the run's LOCO prediction as offset), then LogisticBlockTest per thread.
#include "assoc/block_test.hpp"
#include "assoc/step2.hpp"

namespace ridgeway {

// `chromosome` selects the LOCO prediction; it is ignored without predictions. Notes go to the log on the first run.
BlockTestFactory prepare_logistic_tests(const Cohort& cohort, const AssocSettings& settings, int chromosome,
                                        bool first_run, RunLog& log);

}  // namespace ridgeway
