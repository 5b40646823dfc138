#pragma once
// How the sex chromosomes are analysed: which variants are pseudo-autosomal, non-PAR X, Y or MT; each genotype
// sample's sex; and the coding of non-PAR X calls (--xchr-model). Chromosome X outside the PARs is read with males
// hemizygous, stored as homozygous calls (or haploid ones on the diploid scale, GenotypeBlock::haploid):
//   --xchr-model 2 (default, regenie's and PLINK 2's dosage-compensation model): males 0/2, females 0/1/2;
//   --xchr-model 1: males 0/1;  --xchr-model 0: non-PAR X left out.
// A heterozygous hard call in a male, or a haploid call in a female, on non-PAR X is set missing, as is every
// non-PAR X call of a sample of unknown sex; a haploid call anywhere else (autosomes, PARs) is set missing too.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "io/genotype_source.hpp"
#include "sexchrom/par_regions.hpp"

namespace ridgeway {

enum class ChromosomeClass : std::uint8_t { autosome, x_par, x_nonpar, y, mt };

// Codes 1-22 and names not recognised as chromosomes are autosomal; X inside `par`, XY, PAR1 and PAR2 are PAR.
ChromosomeClass classify_variant(const Variant& variant, const ParRegions& par);

struct SexChromosomeSettings {
    int xchr_model = 2;
    ParRegions par;
};

class SexChromosomes {
public:
    // `sexes` per genotype sample (empty: all unknown).
    SexChromosomes(const std::vector<Variant>& variants, std::vector<Sex> sexes, SexChromosomeSettings settings);

    ChromosomeClass variant_class(std::size_t variant) const { return classes_[variant]; }
    Sex sex(std::size_t sample) const { return sexes_.empty() ? Sex::unknown : sexes_[sample]; }
    const SexChromosomeSettings& settings() const { return settings_; }

    // Applies the rules above to variant v of `block` (read for genotype samples `samples`, in block order) of class
    // `cls`. With `inconsistent`, adds 1 at each block column whose call was set missing as a heterozygous male or
    // haploid female (or haploid elsewhere) call.
    void code_variant(GenotypeBlock& block, std::size_t v, ChromosomeClass cls, std::span<const std::size_t> samples,
                      std::uint32_t* inconsistent = nullptr) const;

private:
    std::vector<ChromosomeClass> classes_;
    std::vector<Sex> sexes_;
    SexChromosomeSettings settings_;
};

}  // namespace ridgeway
