#include "io/plink1/bed_source.hpp"

#include <array>
#include <utility>
#include <cstring>
#include <fcntl.h>
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
    auto fam = read_fam(prefix + ".fam");
    samples_ = std::move(fam.ids);
    sexes_ = std::move(fam.sexes);
    variants_ = read_bim(prefix + ".bim");
    bytes_per_variant_ = (samples_.size() + 3) / 4;

    fd_ = ::open(bed_path_.c_str(), O_RDONLY);
    if (fd_ < 0) throw Error(ErrorKind::cannot_open, bed_path_ + ": cannot open for reading: " + std::strerror(errno));
    struct stat info {};
    ::fstat(fd_, &info);
    const auto size = static_cast<std::size_t>(info.st_size);
    const std::size_t expected = 3 + variants_.size() * bytes_per_variant_;
    std::uint8_t magic[3] = {0, 0, 0};
    if (size < 3 || ::pread(fd_, magic, 3, 0) != 3)
        throw Error(ErrorKind::malformed, bed_path_ + ": the file is too short to be a .bed (" + std::to_string(size) + " bytes)");
    if (magic[0] != kMagic[0] || magic[1] != kMagic[1])
        throw Error(ErrorKind::malformed, bed_path_ + ": not a PLINK 1 .bed file (wrong magic bytes)");
    if (magic[2] != kMagic[2])
        throw Error(ErrorKind::malformed, bed_path_ + ": sample-major .bed files are not supported; convert with plink --make-bed");
    if (size != expected)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: size {} bytes, but {} variants (.bim) x {} samples (.fam) need {} bytes; "
                                "the .bed is truncated or does not belong to this .bim/.fam",
                                bed_path_, size, variants_.size(), samples_.size(), expected));
    std::vector<std::uint8_t> buffer;
    const std::size_t checked = std::min(variants_.size(), kPaddingCheckedAtOpen);
    read_bytes(0, checked, buffer);
    for (std::size_t v = 0; v < checked; ++v) check_padding(v, buffer.data() + v * bytes_per_variant_);
}

BedSource::~BedSource() {
    if (fd_ >= 0) ::close(fd_);
}

std::string BedSource::describe() const {
    return fmt::format("PLINK 1 binary {} ({} samples, {} variants)", bed_path_, samples_.size(), variants_.size());
}

void BedSource::read_bytes(std::size_t first, std::size_t count, std::vector<std::uint8_t>& buffer) const {
    buffer.resize(count * bytes_per_variant_);
    std::size_t done = 0;
    const auto offset = static_cast<off_t>(3 + first * bytes_per_variant_);
    while (done < buffer.size()) {
        ssize_t got = ::pread(fd_, buffer.data() + done, buffer.size() - done, offset + static_cast<off_t>(done));
        if (got <= 0)
            throw Error(ErrorKind::malformed, fmt::format("{}, variant {}: read failed (file truncated while in use?)",
                                                          bed_path_, first + 1 + done / bytes_per_variant_));
        done += static_cast<std::size_t>(got);
    }
}

void BedSource::check_padding(std::size_t variant, const std::uint8_t* bytes) const {
    std::size_t used = samples_.size() % 4;
    if (used == 0) return;
    if ((bytes[bytes_per_variant_ - 1] >> (2 * used)) != 0)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}, variant {} ({}): non-zero padding bits after the last sample; the .fam probably "
                                "lists fewer samples than the .bed was written for",
                                bed_path_, variant + 1, variants_[variant].id));
}

void BedSource::read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                     GenotypeBlock& block) const {
    thread_local std::vector<std::uint8_t> buffer;
    block.resize(variant_indices.size(), sample_indices.size(), false);
    const bool all_samples = sample_indices.size() == samples_.size();
    for (std::size_t run_start = 0; run_start < variant_indices.size();) {
        // One read for each run of consecutive variants.
        std::size_t run_end = run_start + 1;
        while (run_end < variant_indices.size() && variant_indices[run_end] == variant_indices[run_end - 1] + 1) ++run_end;
        read_bytes(variant_indices[run_start], run_end - run_start, buffer);
        for (std::size_t v = run_start; v < run_end; ++v) {
            const std::uint8_t* bytes = buffer.data() + (v - run_start) * bytes_per_variant_;
            check_padding(variant_indices[v], bytes);
            decode(bytes, all_samples, sample_indices, block.variant(v));
        }
        run_start = run_end;
    }
}

void BedSource::decode(const std::uint8_t* bytes, bool all_samples, std::span<const std::size_t> sample_indices,
                       std::int8_t* out) const {
    // The byte table decodes four samples per lookup; a subset is gathered from the whole row afterwards, which is
    // several times faster than decoding sample by sample.
    thread_local std::vector<std::int8_t> whole_row;
    std::int8_t* row = out;
    if (!all_samples) {
        whole_row.resize(4 * bytes_per_variant_);
        row = whole_row.data();
    }
    const std::size_t whole_bytes = samples_.size() / 4;
    for (std::size_t b = 0; b < whole_bytes; ++b) std::memcpy(row + 4 * b, kByteTable[bytes[b]].data(), 4);
    for (std::size_t s = 4 * whole_bytes; s < samples_.size(); ++s)
        row[s] = kBedCodeToA1Count[(bytes[s / 4] >> (2 * (s % 4))) & 3];
    if (!all_samples)
        for (std::size_t i = 0; i < sample_indices.size(); ++i) out[i] = row[sample_indices[i]];
}

}  // namespace ridgeway
