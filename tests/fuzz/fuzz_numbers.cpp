// The strict token parsers every reader relies on: a token is a whole number or nothing.
#include <cmath>

#include "core/text_reader.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ridgeway;
    const std::string_view text = fuzz::as_text(data, size);
    if (auto value = parse_double(text); value && !std::isfinite(*value)) std::abort();  // finite or nothing
    parse_integer(text);
    for (auto field : split_whitespace(text)) parse_double(field);
    split_on(text, ',');
    return 0;
}
