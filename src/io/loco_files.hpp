#pragma once
// Step-1 predictions in regenie's layout, so either tool's step 1 can feed the other's step 2:
//   <out>_pred.list        one line per trait: "TRAIT PATH"
//   <out>_<k>.loco         "FID_IID id1 id2 ..." then one line per chromosome: "CHR value1 value2 ..."
//                          (<out>_<k>.loco.gz gzip-compressed, as regenie's --gz writes and both tools read)
//   <out>_prs.list, <out>_<k>.prs[.gz]   the same for the whole-genome predictions (--print-prs, regenie's
//                          layout): the FID_IID header, then one line "0 value1 value2 ..."
// (ids are FID_IID; values on the scaled-trait scale, or on the log-odds scale for case/control traits).
#include <string>
#include <utility>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

class OutputSet;

// <out>_<k>.loco (.loco.gz with `gzip`) for the trait at `trait_index` (k counts from 1).
std::string loco_path(const std::string& out_prefix, std::size_t trait_index, bool gzip = false);

// Writes the .loco files and the list through `outputs`; returns the temporary paths of the .loco files (readable
// before the outputs are committed).
std::vector<std::string> write_loco_files(const std::string& out_prefix, const std::vector<SampleId>& samples,
                                          const LocoPredictions& predictions, OutputSet& outputs, bool gzip = false);

// <out>_<k>.prs (.prs.gz with `gzip`).
std::string prs_path(const std::string& out_prefix, std::size_t trait_index, bool gzip = false);

// Writes the whole-genome predictions (predictions.whole_genome) as .prs files and their list <out>_prs.list.
void write_prs_files(const std::string& out_prefix, const std::vector<SampleId>& samples,
                     const LocoPredictions& predictions, OutputSet& outputs, bool gzip = false);

// "TRAIT PATH" pairs of a prediction list.
std::vector<std::pair<std::string, std::string>> read_pred_list(const std::string& path);

struct LocoFile {
    std::vector<int> chromosomes;
    Matrix values;  // samples (in the order asked for) x chromosomes
};

// What a prediction file holds: LOCO rows (.loco), or the one whole-genome row 0 (.prs, read with --use-prs).
enum class PredictionRows { loco, whole_genome };

// Reads one prediction file for `samples`; every one of them must be present (NA, as regenie writes for samples
// without the trait, reads as NaN). `name` is used in messages.
LocoFile read_loco_file(const std::string& path, const std::string& name, const std::vector<SampleId>& samples,
                        PredictionRows rows = PredictionRows::loco);

// Predictions for `traits` from a prediction list, aligned with `samples`.
LocoPredictions read_predictions(const std::string& pred_list, const std::vector<std::string>& traits,
                                 const std::vector<SampleId>& samples, PredictionRows rows = PredictionRows::loco);
// The same from one .loco file per trait; `names[t]` is what messages call `paths[t]`.
LocoPredictions read_predictions(const std::vector<std::string>& traits, const std::vector<std::string>& paths,
                                 const std::vector<std::string>& names, const std::vector<SampleId>& samples,
                                 PredictionRows rows = PredictionRows::loco);

}  // namespace ridgeway
