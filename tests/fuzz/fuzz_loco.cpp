// Step-1 .loco files (ridgeway's or regenie's), and the same bytes read as a whole-genome .prs file (--use-prs), for
// a fixed set of three samples.
#include "fuzz_input.hpp"
#include "io/loco_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const std::vector<SampleId> samples{{"F1", "S1"}, {"F2", "S2"}, {"F3", "S3"}};
    const std::string path = fuzz::write_file(fuzz::as_text(data, size), ".loco");
    fuzz::parse_or_reject([&] { read_loco_file(path, path, samples); });
    fuzz::parse_or_reject([&] { read_loco_file(path, path, samples, PredictionRows::whole_genome); });
    return 0;
}
