#include "io/pgen/pgen_record.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/genotype_source.hpp"
#include "io/pgen/pgen_dosages.hpp"
#include "io/pgen/pgen_main_track.hpp"

namespace ridgeway {

namespace {

std::size_t heterozygous_calls(const PgenGenotypes& genotypes) {
    std::size_t count = static_cast<std::size_t>(std::count(genotypes.categories.begin(), genotypes.categories.end(), 1));
    for (const RareCall& call : genotypes.rare)
        if (call.first != 0 && call.first != call.second) ++count;  // ALTx/ALTy patched into category 2
    return count;
}

// The phase track: a bit saying whether a bit per heterozygous call says which are phased (else all are), those
// bits, then a bit per phased call (packed after the first bit when every call is phased).
void skip_phase_track(ByteCursor& cursor, std::size_t n_heterozygous, const PgenRecordContext& context) {
    const std::uint8_t* head = cursor.bytes((1 + n_heterozygous + 7) / 8);
    if (head == nullptr) context.fail("the record ends inside its phase track");
    if ((head[0] & 1) == 0) return;
    std::size_t phased = 0;
    for (std::size_t bit = 1; bit <= n_heterozygous; ++bit) phased += (head[bit / 8] >> (bit % 8)) & 1;
    if (cursor.bytes((phased + 7) / 8) == nullptr) context.fail("the record ends inside its phase track");
}

}  // namespace

void decode_record(std::span<const std::uint8_t> bytes, const PgenRecordFormat& format,
                   std::span<const std::uint8_t> reference, PgenGenotypes& genotypes, Difflist& scratch,
                   const PgenRecordContext& context) {
    ByteCursor cursor(bytes.data(), bytes.size());
    decode_main_track(cursor, format.type, format.plink1, format.n_samples, reference, genotypes.categories, scratch,
                      context);
    genotypes.rare.clear();
    genotypes.dosages.clear();
    if (format.type & 0x08)
        read_multiallelic_track(cursor, format.n_alleles, genotypes.categories, genotypes.rare, scratch, context);
    if (format.type & 0x10) skip_phase_track(cursor, heterozygous_calls(genotypes), context);
    if (has_dosage_track(format.type)) {
        if (format.n_alleles > 2) context.fail("dosages of multiallelic variants are not supported");
        read_dosage_tracks(cursor, format.type, genotypes.categories, genotypes.dosages, scratch, context);
    }
    if (cursor.remaining() != 0)
        context.fail(fmt::format("{} bytes are left after the record's data; the record length or type is corrupt",
                                 cursor.remaining()));
}

void count_alt_copies(const PgenGenotypes& genotypes, std::uint32_t alt, std::vector<std::int8_t>& counts) {
    constexpr std::int8_t kAlt1Copies[4] = {0, 1, 2, kMissingCall};
    constexpr std::int8_t kLaterAltCopies[4] = {0, 0, 0, kMissingCall};  // before the patches
    const std::int8_t* copies = alt == 1 ? kAlt1Copies : kLaterAltCopies;
    counts.resize(genotypes.categories.size());
    for (std::size_t s = 0; s < counts.size(); ++s) counts[s] = copies[genotypes.categories[s]];
    for (const RareCall& call : genotypes.rare)
        counts[call.sample] = static_cast<std::int8_t>((call.first == alt) + (call.second == alt));
}

}  // namespace ridgeway
