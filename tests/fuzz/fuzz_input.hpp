#pragma once
// What every fuzz target shares: the input bytes written to a file (ridgeway's parsers read files), and the rule
// that malformed input may only end in ridgeway's own Error; anything else (a crash, a sanitizer report, another
// exception) is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/genotype_source.hpp"

namespace ridgeway::fuzz {

// A file of this process holding `bytes`, named with `suffix` (parsers pick formats by name).
inline std::string write_file(std::string_view bytes, const std::string& suffix) {
    const std::string path = "/tmp/ridgeway-fuzz-" + std::to_string(getpid()) + suffix;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) std::abort();
    std::fwrite(bytes.data(), 1, bytes.size(), file);
    std::fclose(file);
    return path;
}

template <typename Parse>
void parse_or_reject(Parse parse) {
    try {
        parse();
    } catch (const Error&) {
        // A clean rejection: what malformed input must get.
    }
}

// Decodes every variant of a genotype source for every sample: a file that opens must also read.
inline void read_everything(const GenotypeSource& source) {
    std::vector<std::size_t> variants(source.variants().size()), samples(source.samples().size());
    for (std::size_t v = 0; v < variants.size(); ++v) variants[v] = v;
    for (std::size_t s = 0; s < samples.size(); ++s) samples[s] = s;
    GenotypeBlock block;
    source.read(variants, samples, block);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A built-in valid file, as bytes to write.
template <std::size_t N>
std::string_view as_text(const unsigned char (&bytes)[N]) {
    return {reinterpret_cast<const char*>(bytes), N};
}

// The targets that fuzz one file of a fileset read their input as a first byte that chooses the file (and options)
// and the bytes of that file.
struct ChosenFile {
    std::uint8_t choice;
    std::string_view bytes;
};

inline std::optional<ChosenFile> chosen_file(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return std::nullopt;
    return ChosenFile{data[0], as_text(data + 1, size - 1)};
}

}  // namespace ridgeway::fuzz
