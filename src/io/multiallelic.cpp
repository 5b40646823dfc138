#include "io/multiallelic.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

Multiallelic parse_multiallelic(const std::string& name) {
    if (name == "skip") return Multiallelic::skip;
    if (name == "split") return Multiallelic::split;
    throw Error(ErrorKind::usage, fmt::format("--multiallelic: '{}' is not one of split, skip", name));
}

}  // namespace ridgeway
