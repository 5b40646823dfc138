#include "linalg/precision.hpp"

#include "core/error.hpp"

namespace ridgeway {

Precision parse_precision(const std::string& text) {
    if (text == "fp64") return Precision::fp64;
    if (text == "fp32") return Precision::fp32;
    if (text == "mixed") return Precision::mixed;
    throw Error(ErrorKind::usage, "--precision: '" + text + "' is not one of fp64, fp32, mixed");
}

const char* precision_name(Precision precision) {
    switch (precision) {
        case Precision::fp64: return "fp64";
        case Precision::fp32: return "fp32";
        case Precision::mixed: return "mixed";
    }
    return "?";
}

}  // namespace ridgeway
