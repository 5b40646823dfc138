#pragma once
// The tests of step 2 for quantitative traits, prepared for one run of variants: the traits (minus the run's LOCO
// prediction, put back on each trait's scale) residualized on the covariates once, then LinearBlockTest per thread.
#include "assoc/block_test.hpp"
#include "assoc/step2.hpp"

namespace ridgeway {

// `run.chromosome` selects the LOCO prediction (ignored without predictions); a non-PAR X run (`run.x_nonpar`) is
// tested with x_test_design's covariates and samples. Notes go to the log on the first run.
// The traits minus the LOCO prediction of `chromosome`, on each trait's own scale (the traits themselves without
// predictions).
Matrix traits_minus_loco(const Cohort& cohort, const AssocSettings& settings, int chromosome);

BlockTestFactory prepare_linear_tests(const Cohort& cohort, const AssocSettings& settings, const VariantBlock& run,
                                      bool first_run, RunLog& log);

}  // namespace ridgeway
