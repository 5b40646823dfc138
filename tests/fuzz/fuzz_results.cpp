// Result files given to `ridgeway plot`: ridgeway's, regenie's and PLINK 2's layouts.
#include "fuzz_input.hpp"
#include "report/gwas_summary.hpp"
#include "report/result_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const std::string path = fuzz::write_file(fuzz::as_text(data, size), ".regenie");
    fuzz::parse_or_reject([&] {
        ResultTable table = read_result_table(path);
        genomic_inflation(table.minus_log10_p);
        significant_loci(table, 7.3, 500000);
    });
    return 0;
}
