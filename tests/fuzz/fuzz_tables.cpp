// The sample and variant tables: phenotype/covariate tables, --keep/--remove and --extract/--exclude lists, and
// step-1 prediction lists. The first byte picks the reader.
#include "fuzz_input.hpp"
#include "io/loco_files.hpp"
#include "io/tables/id_lists.hpp"
#include "io/tables/sample_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const auto input = fuzz::chosen_file(data, size);
    if (!input) return 0;
    const std::string path = fuzz::write_file(input->bytes, ".txt");
    fuzz::parse_or_reject([&] {
        switch (input->choice % 4) {
            case 0: {
                SampleTable table = read_sample_table(path);
                select_columns(table, "", "--pheno-name");
                break;
            }
            case 1: read_sample_list(path); break;
            case 2: read_variant_list(path); break;
            default: read_pred_list(path); break;
        }
    });
    return 0;
}
