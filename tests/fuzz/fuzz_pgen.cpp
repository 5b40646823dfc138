// PLINK 2 .pgen/.pvar/.psam filesets. The first byte picks the fuzzed file: 0, the .pgen, with a .psam and a .pvar
// made to match the counts in its header (up to 1000 of each; bit 2 gives every third variant 2 ALT alleles and every
// sixth 3; bit 3 reads them with --multiallelic split); 1, the .pvar, and 2, the .psam, of a valid .pgen of 5
// samples and 4 variants (2-bit, LD-compressed, multiallelic and inverted-LD records). A fileset that opens is
// decoded in full.
#include "fuzz_input.hpp"
#include "io/binary/byte_cursor.hpp"
#include "io/pgen/pgen_source.hpp"

namespace {

const unsigned char kPgen[] = {0x6c, 0x1b, 0x10, 0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x1c, 0x00,
                               0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x08, 0x03, 0x02, 0x03, 0x04, 0x03,
                               0xe4, 0x01, 0x01, 0x04, 0x02, 0x55, 0x01, 0xf0, 0x01, 0x01, 0x01, 0x03};
const char kPvar[] = "#CHROM\tPOS\tID\tREF\tALT\n1\t10\trs1\tA\tG\n1\t20\trs2\tC\tT\n1\t30\trs3\tG\tA,C\n1\t40\trs4\tT\tG\n";
const char kPsam[] = "#IID\tSEX\nA\t1\nB\t2\nC\tNA\nD\t1\nE\t2\n";
constexpr std::uint32_t kMaxGenerated = 1000;

// The sample and variant counts of a .pgen header (mode 0x01 stores none: those of the valid fileset).
std::pair<std::uint32_t, std::uint32_t> header_counts(std::string_view pgen) {
    if (pgen.size() < 11 || pgen[2] == 0x01) return {5, 4};
    ridgeway::ByteCursor cursor(reinterpret_cast<const std::uint8_t*>(pgen.data()) + 3, 8);
    const std::uint32_t variants = cursor.u32(), samples = cursor.u32();
    return {std::min(samples, kMaxGenerated), std::min(variants, kMaxGenerated)};
}

std::string psam_text(std::uint32_t samples) {
    std::string text = "#IID\n";
    for (std::uint32_t s = 0; s < samples; ++s) text += "S" + std::to_string(s) + "\n";
    return text;
}

std::string pvar_text(std::uint32_t variants, bool multiallelic) {
    std::string text = "#CHROM\tPOS\tID\tREF\tALT\n";
    for (std::uint32_t v = 0; v < variants; ++v) {
        const char* alts = !multiallelic || v % 3 != 0 ? "C" : v % 6 == 0 ? "C,G,T" : "C,G";
        text += "1\t" + std::to_string(v + 1) + "\tv" + std::to_string(v) + "\tA\t" + alts + "\n";
    }
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const auto input = fuzz::chosen_file(data, size);
    if (!input) return 0;
    const int fuzzed = input->choice % 3;
    const std::string_view pgen = fuzzed == 0 ? input->bytes : fuzz::as_text(kPgen);
    const auto [samples, variants] = header_counts(pgen);
    const std::string prefix = fuzz::write_file(pgen, ".pgen");
    const std::string base = prefix.substr(0, prefix.size() - 5);
    fuzz::write_file(fuzzed == 0 ? std::string_view(psam_text(samples)) : fuzzed == 2 ? input->bytes : kPsam, ".psam");
    fuzz::write_file(fuzzed == 0 ? std::string_view(pvar_text(variants, input->choice & 4)) : fuzzed == 1 ? input->bytes : kPvar,
                     ".pvar");
    fuzz::parse_or_reject([&] {
        PgenSource source(base, input->choice & 8 ? Multiallelic::split : Multiallelic::skip);
        fuzz::read_everything(source);
    });
    return 0;
}
