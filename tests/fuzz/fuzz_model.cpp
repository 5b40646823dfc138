// Saved prediction models (<out>.model of `ridgeway predict`).
#include "fuzz_input.hpp"
#include "predict/prediction_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const std::string path = fuzz::write_file(fuzz::as_text(data, size), ".model");
    fuzz::parse_or_reject([&] { load_model(path); });
    return 0;
}
