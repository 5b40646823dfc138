#include "io/plink1/bed_source.hpp"

#include <array>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/plink1/bed_codes.hpp"
#include "io/plink1/bim_reader.hpp"
#include "io/plink1/fam_reader.hpp"

namespace ridgeway {

namespace {

constexpr std::uint8_t kMagic[3] = {0x6c, 0x1b, 0x01};
// Variants checked for non-zero padding when the file is opened; every variant is checked again when decoded.
constexpr std::size_t kPaddingCheckedAtOpen = 4096;

// Four decoded calls for each possible byte, so the common all-samples case decodes a byte with one copy.
std::array<std::array<std::int8_t, 4>, 256> make_byte_table() {
    std::array<std::array<std::int8_t, 4>, 256> table{};
    for (int byte = 0; byte < 256; ++byte)
        for (int k = 0; k < 4; ++k) table[byte][k] = kBedCodeToA1Count[(byte >> (2 * k)) & 3];
    return table;
}
const auto kByteTable = make_byte_table();

}  // namespace

BedSource::BedSource(const std::string& prefix) : bed_path_(prefix + ".bed") {
    samples_ = read_fam(prefix + ".fam");
    variants_ = read_bim(prefix + ".bim");
    bytes_per_variant_ = (samples_.size() + 3) / 4;

    int fd = ::open(bed_path_.c_str(), O_RDONLY);
    if (fd < 0) throw Error(ErrorKind::cannot_open, bed_path_ + ": cannot open for reading: " + std::strerror(errno));
    struct stat info {};
    ::fstat(fd, &info);
    map_size_ = static_cast<std::size_t>(info.st_size);
    std::size_t expected = 3 + variants_.size() * bytes_per_variant_;
    if (map_size_ < 3) {
        ::close(fd);
        throw Error(ErrorKind::malformed, bed_path_ + ": the file is too short to be a .bed (" + std::to_string(map_size_) + " bytes)");
    }
    map_ = static_cast<const std::uint8_t*>(::mmap(nullptr, map_size_, PROT_READ, MAP_SHARED, fd, 0));
    ::close(fd);
    if (map_ == MAP_FAILED) {
        map_ = nullptr;
        throw Error(ErrorKind::cannot_open, bed_path_ + ": cannot map the file into memory");
    }
    if (map_[0] != kMagic[0] || map_[1] != kMagic[1])
        throw Error(ErrorKind::malformed, bed_path_ + ": not a PLINK 1 .bed file (wrong magic bytes)");
    if (map_[2] != kMagic[2])
        throw Error(ErrorKind::malformed, bed_path_ + ": sample-major .bed files are not supported; convert with plink --make-bed");
    if (map_size_ != expected)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: size {} bytes, but {} variants (.bim) x {} samples (.fam) need {} bytes; "
                                "the .bed is truncated or does not belong to this .bim/.fam",
                                bed_path_, map_size_, variants_.size(), samples_.size(), expected));
    ::madvise(const_cast<std::uint8_t*>(map_), map_size_, MADV_SEQUENTIAL);
    for (std::size_t v = 0; v < variants_.size() && v < kPaddingCheckedAtOpen; ++v) check_padding(v);
}

BedSource::~BedSource() {
    if (map_ != nullptr) ::munmap(const_cast<std::uint8_t*>(map_), map_size_);
}

std::string BedSource::describe() const {
    return fmt::format("PLINK 1 binary {} ({} samples, {} variants)", bed_path_, samples_.size(), variants_.size());
}

const std::uint8_t* BedSource::variant_bytes(std::size_t variant) const {
    return map_ + 3 + variant * bytes_per_variant_;
}

void BedSource::check_padding(std::size_t variant) const {
    std::size_t used = samples_.size() % 4;
    if (used == 0) return;
    std::uint8_t last = variant_bytes(variant)[bytes_per_variant_ - 1];
    if ((last >> (2 * used)) != 0)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}, variant {} ({}): non-zero padding bits after the last sample; the .fam probably "
                                "lists fewer samples than the .bed was written for",
                                bed_path_, variant + 1, variants_[variant].id));
}

void BedSource::read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                     GenotypeBlock& block) const {
    block.n_variants = variant_indices.size();
    block.n_samples = sample_indices.size();
    block.calls.resize(block.n_variants * block.n_samples);
    bool all_samples = sample_indices.size() == samples_.size();
    for (std::size_t v = 0; v < variant_indices.size(); ++v) {
        std::size_t variant = variant_indices[v];
        check_padding(variant);
        const std::uint8_t* bytes = variant_bytes(variant);
        std::int8_t* out = block.variant(v);
        if (all_samples) {
            std::size_t whole_bytes = samples_.size() / 4;
            for (std::size_t b = 0; b < whole_bytes; ++b) std::memcpy(out + 4 * b, kByteTable[bytes[b]].data(), 4);
            for (std::size_t s = 4 * whole_bytes; s < samples_.size(); ++s)
                out[s] = kBedCodeToA1Count[(bytes[s / 4] >> (2 * (s % 4))) & 3];
        } else {
            for (std::size_t i = 0; i < sample_indices.size(); ++i) {
                std::size_t s = sample_indices[i];
                out[i] = kBedCodeToA1Count[(bytes[s / 4] >> (2 * (s % 4))) & 3];
            }
        }
    }
}

}  // namespace ridgeway
