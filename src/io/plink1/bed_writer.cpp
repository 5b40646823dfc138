#include "io/plink1/bed_writer.hpp"

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "io/plink1/bed_codes.hpp"

namespace ridgeway {

namespace {

std::FILE* open_for_writing(const std::string& path, const std::string& final_path) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) throw Error(ErrorKind::cannot_open, final_path + ": cannot create the file");
    return file;
}

void check_written(std::FILE* file, const std::string& path) {
    if (std::ferror(file)) throw Error(ErrorKind::resources, path + ": write failed (disk full?)");
}

}  // namespace

void pack_bed_variant(std::span<const std::int8_t> calls, std::vector<std::uint8_t>& bytes) {
    bytes.assign((calls.size() + 3) / 4, 0);
    for (std::size_t s = 0; s < calls.size(); ++s)
        bytes[s / 4] |= static_cast<std::uint8_t>(a1_count_to_bed_code(calls[s]) << (2 * (s % 4)));
}

BedWriter::BedWriter(const std::string& prefix, const std::vector<SampleId>& samples, OutputSet& outputs,
                     std::span<const Sex> sexes)
    : n_samples_(samples.size()), bed_path_(prefix + ".bed") {
    if (!sexes.empty() && sexes.size() != samples.size())
        throw Error(ErrorKind::inconsistent, "internal: wrong number of sexes for " + prefix + ".fam");
    std::string fam_path = prefix + ".fam";
    std::FILE* fam = open_for_writing(outputs.add(fam_path), fam_path);
    for (std::size_t s = 0; s < samples.size(); ++s)
        fmt::print(fam, "{} {} 0 0 {} -9\n", samples[s].fid, samples[s].iid,
                   sexes.empty() ? 0 : static_cast<int>(sexes[s]));
    check_written(fam, fam_path);
    if (std::fclose(fam) != 0) throw Error(ErrorKind::resources, fam_path + ": write failed (disk full?)");

    bim_ = open_for_writing(outputs.add(prefix + ".bim"), prefix + ".bim");
    bed_ = open_for_writing(outputs.add(bed_path_), bed_path_);
    const std::uint8_t magic[3] = {0x6c, 0x1b, 0x01};
    std::fwrite(magic, 1, 3, bed_);
}

BedWriter::~BedWriter() {
    if (bed_ != nullptr) std::fclose(bed_);
    if (bim_ != nullptr) std::fclose(bim_);
}

void BedWriter::write_variant(const Variant& variant, std::span<const std::int8_t> calls) {
    if (calls.size() != n_samples_) throw Error(ErrorKind::inconsistent, "internal: wrong number of calls for " + variant.id);
    pack_bed_variant(calls, packed_);
    write_packed_variant(variant, packed_);
}

void BedWriter::write_packed_variant(const Variant& variant, std::span<const std::uint8_t> bytes) {
    if (bytes.size() != (n_samples_ + 3) / 4) throw Error(ErrorKind::inconsistent, "internal: wrong packed size for " + variant.id);
    std::fwrite(bytes.data(), 1, bytes.size(), bed_);
    fmt::print(bim_, "{}\t{}\t{:g}\t{}\t{}\t{}\n", variant.chrom, variant.id, variant.cm, variant.pos, variant.allele1,
               variant.allele2);
}

void BedWriter::close() {
    check_written(bed_, bed_path_);
    check_written(bim_, bed_path_);
    bool failed = std::fclose(bed_) != 0;
    failed |= std::fclose(bim_) != 0;
    bed_ = bim_ = nullptr;
    if (failed) throw Error(ErrorKind::resources, bed_path_ + ": write failed (disk full?)");
}

}  // namespace ridgeway
