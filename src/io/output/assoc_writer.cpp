#include "io/output/assoc_writer.hpp"

#include <fmt/format.h>

#include "io/output/result_writers.hpp"

namespace ridgeway {

std::unique_ptr<AssocWriter> make_assoc_writer(const ResultFileSpec& spec, OutputSet& outputs) {
    switch (spec.format) {
        case ResultFormat::regenie: return make_regenie_writer(spec, outputs);
        case ResultFormat::ssf: return make_ssf_writer(spec, outputs);
        case ResultFormat::tsv: break;
    }
    return make_tsv_writer(spec, outputs);
}

std::string format_number(double value) { return fmt::format("{:.6g}", value); }

}  // namespace ridgeway
