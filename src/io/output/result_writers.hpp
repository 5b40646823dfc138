#pragma once
// The concrete result-file writers behind make_assoc_writer.
#include <memory>

#include "io/output/assoc_writer.hpp"

namespace ridgeway {

std::unique_ptr<AssocWriter> make_tsv_writer(const ResultFileSpec& spec, OutputSet& outputs);
std::unique_ptr<AssocWriter> make_regenie_writer(const ResultFileSpec& spec, OutputSet& outputs);
std::unique_ptr<AssocWriter> make_ssf_writer(const ResultFileSpec& spec, OutputSet& outputs);

}  // namespace ridgeway
