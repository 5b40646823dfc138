// Step-1 .loco files (ridgeway's or regenie's) for a fixed set of three samples.
#include "fuzz_input.hpp"
#include "io/loco_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const std::vector<SampleId> samples{{"F1", "S1"}, {"F2", "S2"}, {"F3", "S3"}};
    const std::string path = fuzz::write_file(fuzz::as_text(data, size), ".loco");
    fuzz::parse_or_reject([&] { read_loco_file(path, path, samples); });
    return 0;
}
