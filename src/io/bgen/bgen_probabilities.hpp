#pragma once
// A variant's probability data (layout 2, after decompression) to dosages. Biallelic variants and samples of ploidy
// 0 (missing), 1 or 2 are read. Unphased data stores, per diploid sample, P(11) and P(12) as B-bit integers over
// 2^B - 1 (P(22) is implied); phased data stores P(haplotype carries allele 1) for each of the two haplotypes. The
// dosage of the first allele is 2 P(11) + P(12), or the sum of the two haplotype probabilities; that of the second is
// 2 minus it. A haploid sample stores one value, P(allele 1), phased or not: its dosage is on the diploid scale,
// 2 P(1), and its call is marked haploid (GenotypeBlock::mark_haploid), as chrX of males in PLINK 2's exports.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

// Sizes of valid probability data for `n_samples` samples (1 and 32 bits per probability), which bound a
// compressed block's stated size.
std::uint64_t min_probability_bytes(std::uint64_t n_samples);
std::uint64_t max_probability_bytes(std::uint64_t n_samples);

// Which record is being decoded, for error messages that name it and, when one is at fault, the sample.
struct BgenVariantContext {
    const std::string& path;
    std::size_t index;
    const std::string& id;
    const std::vector<SampleId>& samples;

    std::string where() const;
    std::string where(std::size_t sample) const;
};

struct ProbabilityLayout {
    unsigned bits = 0;
    bool phased = false;
    bool diploid = true;  // every sample of ploidy 2, so that sample s's values are the 2s-th and the next
};

// Checks the probability data of one variant against the file's samples: sample and allele counts, every sample's
// ploidy (0 to 2, within the record's stated range), phasing flag, bit depth (1 to 32) and the exact size.
ProbabilityLayout check_probability_data(std::span<const std::uint8_t> data, const BgenVariantContext& context);

// Dosages of the counted allele (the first, or the second when `count_second_allele`) for `sample_indices`, into
// variant `v` of `block`, with haploid samples marked; NaN for missing samples. The data must have passed
// check_probability_data.
void decode_dosages(std::span<const std::uint8_t> data, ProbabilityLayout layout,
                    std::span<const std::size_t> sample_indices, bool count_second_allele, GenotypeBlock& block,
                    std::size_t v, const BgenVariantContext& context);

}  // namespace ridgeway
