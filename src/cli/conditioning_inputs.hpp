#pragma once
// The command-line side of conditional analysis (samples/conditioning.hpp): --condition-list names the variants,
// found among the analysed genotypes or, with --condition-file FORMAT,FILE (and --condition-file-sample for BGEN),
// in another genotype file whose samples are matched to the analysed ones by ID.
#include <optional>
#include <string>
#include <vector>

#include "cli/option_table.hpp"
#include "cli/study_inputs.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

class RunLog;

struct Step2Conditioning {
    Cohort cohort;  // the cohort step 2 tests: the conditioning genotypes among its covariates
    // The analysed variants that carry a conditioning variant's ID (indices into the genotypes' variants,
    // increasing): reported with ERRCODE CONDITIONING_VARIANT instead of being tested against themselves.
    std::vector<std::size_t> variants;
};

// Reads the conditioning variants for the cohort of `inputs`; nothing without --condition-list. Every error in the
// options or files comes from here, before any work starts.
std::optional<Step2Conditioning> load_conditioning(const ParsedOptions& options, const StudyInputs& inputs,
                                                   RunLog& log);

// The files --condition-list, --condition-file and --condition-file-sample read, for the run's fingerprint.
std::vector<std::string> conditioning_files(const ParsedOptions& options);

}  // namespace ridgeway
