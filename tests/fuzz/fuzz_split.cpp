// The files of split runs: the plan (text) and the part files of step 1, step 2 and predict (binary, checked against
// the shape the run expects). The first input byte picks the reader: 'p' the plan, 'a' a step-2 part, 'g' a part of
// predict's training products, anything else a level-0 part; the rest is the file.
#include "assoc/step2_part_file.hpp"
#include "core/split_plan.hpp"
#include "fuzz_input.hpp"
#include "predict/gram_part_file.hpp"
#include "step1/level0.hpp"
#include "step1/prediction_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    if (size == 0) return 0;
    const std::string path = fuzz::write_file(fuzz::as_text(data + 1, size - 1), ".part");
    if (data[0] == 'p') {
        fuzz::parse_or_reject([&] { read_split_plan(path); });
    } else if (data[0] == 'a') {
        const Step2PartShape shape{1, 2, 5, 2};  // variants 2 to 6 of a run, two traits
        fuzz::parse_or_reject([&] { read_step2_part(path, shape, [](std::size_t, const BlockResults&) {}); });
    } else if (data[0] == 'g') {
        const GramPartShape shape{1, 3, 0, 0, 1};  // 3 training samples in one tile, 6 int32 products
        fuzz::parse_or_reject([&] { read_gram_part(path, shape, 6 * 4); });
    } else {
        const CheckpointShape shape{1, 3, 2, 4, 5};  // 3 samples, 2 traits, 4 blocks, 5 penalties
        PredictionStore store(shape.traits, shape.rows, shape.blocks * shape.penalties, true, ".");
        fuzz::parse_or_reject([&] { restore_level0_parts({{path, 1, 2, {}}}, shape, store); });
    }
    return 0;
}
