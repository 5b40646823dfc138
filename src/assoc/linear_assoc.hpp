#pragma once
// The tests of step 2 for quantitative traits, prepared for one run of variants: the traits (minus the run's LOCO
// prediction, put back on each trait's scale) residualized on the covariates once, then LinearBlockTest per thread.
#include "assoc/block_test.hpp"
#include "assoc/step2.hpp"

namespace ridgeway {

// `chromosome` selects the LOCO prediction; it is ignored without predictions. Notes go to the log on the first run.
BlockTestFactory prepare_linear_tests(const Cohort& cohort, const AssocSettings& settings, int chromosome,
                                      bool first_run, RunLog& log);

}  // namespace ridgeway
