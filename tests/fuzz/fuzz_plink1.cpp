// PLINK 1 filesets: the first byte picks which of .bed, .bim and .fam holds the input; the other two are a valid
// fileset of 5 samples and 3 variants. A fileset that opens is decoded in full.
#include "fuzz_input.hpp"
#include "io/plink1/bed_source.hpp"

namespace {

const char kBim[] = "1\trs1\t0\t100\tA\tG\n1\trs2\t0\t200\tC\tT\n2\trs3\t0\t50\tG\tA\n";
const char kFam[] = "F1 S1 0 0 1 -9\nF2 S2 0 0 2 -9\nF3 S3 0 0 1 -9\nF4 S4 0 0 2 -9\nF5 S5 0 0 1 -9\n";
// Magic, variant-major, then 3 variants x 2 bytes (5 samples, 3 padding bits of zeros each).
const unsigned char kBed[] = {0x6c, 0x1b, 0x01, 0x1b, 0x02, 0xe4, 0x00, 0x39, 0x03};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const auto input = fuzz::chosen_file(data, size);
    if (!input) return 0;
    const int fuzzed = input->choice % 3;
    const std::string bed = fuzz::write_file(fuzzed == 0 ? input->bytes : fuzz::as_text(kBed), ".bed");
    fuzz::write_file(fuzzed == 1 ? input->bytes : std::string_view(kBim), ".bim");
    fuzz::write_file(fuzzed == 2 ? input->bytes : std::string_view(kFam), ".fam");
    fuzz::parse_or_reject([&] {
        BedSource source(bed.substr(0, bed.size() - 4));
        fuzz::read_everything(source);
    });
    return 0;
}
