#pragma once
// The one interface through which every genotype format reaches the models: metadata for samples and variants, and
// blocks of decoded genotypes for chosen variants and samples. Models never see a file format.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ridgeway {

struct SampleId {
    std::string fid;
    std::string iid;
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

struct GenotypeBlock {
    std::size_t n_variants = 0;
    std::size_t n_samples = 0;
    std::vector<std::int8_t> calls;

    const std::int8_t* variant(std::size_t v) const { return calls.data() + v * n_samples; }
    std::int8_t* variant(std::size_t v) { return calls.data() + v * n_samples; }
};

class GenotypeSource {
public:
    virtual ~GenotypeSource() = default;

    virtual const std::vector<SampleId>& samples() const = 0;
    virtual const std::vector<Variant>& variants() const = 0;
    // One line for the log: format and file names.
    virtual std::string describe() const = 0;

    // Decodes `variant_indices` for `sample_indices` (indices into samples(), strictly increasing) into `block`.
    // Safe to call from several threads at once.
    virtual void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                      GenotypeBlock& block) const = 0;
};

}  // namespace ridgeway
