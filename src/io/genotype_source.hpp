#pragma once
// The one interface through which every genotype format reaches the models: metadata for samples and variants, and
// blocks of decoded genotypes for chosen variants and samples. Models never see a file format.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/sample_sex.hpp"

namespace ridgeway {

struct SampleId {
    std::string fid;
    std::string iid;
};

// A file's sample IDs in file order. A format without family IDs (a .psam with '#IID', VCF/BCF without --id-delim,
// BGEN's own IDs, an Oxford .sample whose ID_1 is 0 or repeats ID_2) still fills every fid, with the IID again or
// with ID_1, so that the outputs keep two ID columns, and clears has_fid: tables are then matched by IID alone.
struct SampleIds {
    std::vector<SampleId> ids;
    bool has_fid = true;
};

struct Variant {
    std::string chrom;
    std::string id;
    double cm = 0;
    long long pos = 0;
    std::string allele1;  // the counted (effect) allele: PLINK's A1, .bim column 5, reported as ALT
    std::string allele2;  // the other allele, .bim column 6, reported as REF
};

// Genotypes as counts of allele1 (0, 1, 2), or kMissingCall; variant-major.
inline constexpr std::int8_t kMissingCall = -1;

// A dosage is the expected count of allele1, in [0, 2]; NaN when missing.
inline std::int8_t nearest_call(float dosage) {
    // Adding one half and truncating rounds halves up like std::lround, for a fraction of its cost.
    return std::isnan(dosage) ? kMissingCall : static_cast<std::int8_t>(std::clamp(dosage, 0.0f, 2.0f) + 0.5f);
}

// Every source fills `calls`. A source with dosages (imputed data) also fills `dosages`, and its calls are the
// dosages rounded to the nearest call: the hard calls that exact integer products need.
struct GenotypeBlock {
    std::size_t n_variants = 0;
    std::size_t n_samples = 0;
    std::vector<std::int8_t> calls;
    std::vector<float> dosages;  // empty, or n_variants x n_samples
    bool with_dosages = false;
    // Empty, or n_variants x n_samples with 1 where the file stored a haploid call (a VCF GT of one allele, a BGEN
    // sample of ploidy 1): such a call is given on the diploid scale, 0 or 2 (its dosage doubled), as a .bed stores
    // a hemizygous male; the sex-chromosome rules then decide what it means for the sample's sex.
    std::vector<std::uint8_t> haploid;

    const std::int8_t* variant(std::size_t v) const { return calls.data() + v * n_samples; }
    std::int8_t* variant(std::size_t v) { return calls.data() + v * n_samples; }
    const float* dosage(std::size_t v) const { return dosages.data() + v * n_samples; }
    float* dosage(std::size_t v) { return dosages.data() + v * n_samples; }
    // Sizes the block for `variants` x `samples`, with room for dosages when asked.
    void resize(std::size_t variants, std::size_t samples, bool dosage_values) {
        n_variants = variants;
        n_samples = samples;
        calls.resize(variants * samples);
        with_dosages = dosage_values;
        dosages.resize(dosage_values ? variants * samples : 0);
        haploid.clear();
    }
    // Marks call (v, j) haploid, sizing `haploid` on first use.
    void mark_haploid(std::size_t v, std::size_t j) {
        if (haploid.empty()) haploid.assign(n_variants * n_samples, 0);
        haploid[v * n_samples + j] = 1;
    }
    bool is_haploid(std::size_t v, std::size_t j) const { return !haploid.empty() && haploid[v * n_samples + j]; }
    // Fills the calls from the dosages.
    void round_dosages() {
        for (std::size_t i = 0; i < dosages.size(); ++i) calls[i] = nearest_call(dosages[i]);
    }
};

class GenotypeSource {
public:
    virtual ~GenotypeSource() = default;

    virtual const std::vector<SampleId>& samples() const = 0;
    // Whether samples() holds family IDs read from the file (see SampleIds).
    virtual bool has_family_ids() const = 0;
    virtual const std::vector<Variant>& variants() const = 0;
    // One line for the log: format and file names.
    virtual std::string describe() const = 0;
    // Each sample's sex as the file records it (.fam column 5, .psam SEX, an Oxford .sample's sex column); empty when
    // the format carries none (VCF, BCF, BGEN without a .sample).
    virtual const std::vector<Sex>& sexes() const {
        static const std::vector<Sex> none;
        return none;
    }
    // Whether read() fills dosages as well as calls.
    virtual bool has_dosages() const { return false; }

    // Decodes `variant_indices` for `sample_indices` (indices into samples(), strictly increasing) into `block`.
    // Safe to call from several threads at once.
    virtual void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                      GenotypeBlock& block) const = 0;
};

}  // namespace ridgeway
