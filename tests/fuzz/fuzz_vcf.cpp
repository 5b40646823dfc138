// VCF and BCF records through htslib into VcfSource: GT, DS and GP decoding and the checks on them, with multiallelic
// records split.
#include "fuzz_input.hpp"
#include "io/vcf/vcf_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const std::string path = fuzz::write_file(fuzz::as_text(data, size), ".vcf");
    fuzz::parse_or_reject([&] {
        for (VcfField field : {VcfField::automatic, VcfField::gt, VcfField::gp})
            fuzz::read_everything(VcfSource({path, field, 0, 0, {}, Multiallelic::split}));
    });
    return 0;
}
