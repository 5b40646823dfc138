#pragma once
// PLINK 2 PREFIX.pgen/.pvar[.zst]/.psam behind the genotype-source interface. The header is indexed when the file
// is opened; records are then read with pread (threads read concurrently, memory stays independent of the file's
// size) and decoded in full (see pgen_record.hpp). The counted allele (Variant::allele1) is ALT, allele2 is REF.
//
// Cost: an LD-compressed record is stored as its differences from an earlier reference record, which must be read and
// decoded first. Within one read() the last reference is kept, so consecutive variants cost one decode each; a
// variant read alone costs two.
//
// Dosages: when any record has a dosage track, read() fills dosages for every variant (a sample without a stored
// dosage gets its hard call), as for BGEN and VCF DS; a hard-call-only .pgen gives calls exactly as the .bed would.
//
// Multiallelic variants are skipped (and counted), or split: each ALT allele becomes a biallelic variant with the same
// ID, that ALT counted against REF, its genotype the copies of that ALT (a call with another ALT counts 0 copies).
#include <cstdint>
#include <string>

#include "io/binary/read_only_file.hpp"
#include "io/genotype_source.hpp"
#include "io/multiallelic.hpp"
#include "io/pgen/pgen_index.hpp"
#include "io/pgen/pgen_record.hpp"
#include "io/pgen/pvar_reader.hpp"

namespace ridgeway {

// The variant table of a fileset: PREFIX.pvar, or PLINK 2's zstd-compressed PREFIX.pvar.zst when there is no plain
// one.
std::string pvar_path(const std::string& prefix);

class PgenSource final : public GenotypeSource {
public:
    PgenSource(const std::string& prefix, Multiallelic multiallelic);

    const std::vector<SampleId>& samples() const override { return samples_.ids; }
    bool has_family_ids() const override { return samples_.has_fid; }
    const std::vector<Variant>& variants() const override { return variants_; }
    std::string describe() const override;
    // The .psam's SEX column (a .fam-style .psam's fifth); empty without one.
    const std::vector<Sex>& sexes() const override { return sexes_; }
    bool has_dosages() const override { return dosages_; }
    void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block) const override;

private:
    struct Row {
        std::uint32_t record;
        std::uint32_t alt;  // 1 for ALT1
    };
    // The last record decoded within one read(), the last LD reference, and their storage.
    struct Decoded {
        std::size_t record = SIZE_MAX;
        PgenGenotypes genotypes;
        std::size_t reference_record = SIZE_MAX;
        std::vector<std::uint8_t> reference;
        std::vector<std::uint8_t> reference_bytes;
        Difflist scratch;
    };
    static constexpr std::uint32_t kNoRow = UINT32_MAX;

    void check_allele_counts(const std::vector<PvarVariant>& records) const;
    void add_rows(std::vector<PvarVariant>& records);
    PgenRecordContext context(std::size_t record) const;
    PgenRecordFormat format(std::size_t record) const;
    // Decodes `record`, whose bytes are `bytes`, into `decoded`, first loading its LD reference when it has one.
    void decode(std::size_t record, std::span<const std::uint8_t> bytes, Decoded& decoded) const;
    void load_reference(std::size_t reference, Decoded& decoded) const;
    void fill(const Row& row, const PgenGenotypes& genotypes, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block, std::size_t v) const;

    ReadOnlyFile file_;
    std::string pvar_path_;
    SampleIds samples_;
    std::vector<Sex> sexes_;
    std::vector<Variant> variants_;
    std::vector<Row> rows_;
    std::vector<std::uint32_t> first_rows_;  // per record: its first row, or kNoRow when skipped
    PgenIndex index_;
    std::vector<std::uint32_t> allele_counts_;  // per record, from the .pvar
    Multiallelic multiallelic_;
    std::size_t multiallelic_records_ = 0;
    bool dosages_ = false;
};

}  // namespace ridgeway
