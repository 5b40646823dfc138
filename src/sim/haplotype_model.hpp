#pragma once
// Genotypes with LD between neighbouring variants, one variant at a time along a chromosome. Each haplotype carries a
// latent uniform u that it keeps from one variant to the next with probability rho and redraws otherwise; its allele
// at variant j is A1 when u < p_j. Every marginal A1 frequency is exactly p_j, and LD decays with distance (the
// chance that u is shared d variants apart is rho^d). A genotype is the sum of two haplotypes; calls are then set
// missing independently with the missing rate. On a variant where males are hemizygous (chromosome X outside the
// pseudoautosomal regions) a male's genotype is twice his first haplotype, homozygous as PLINK writes haploid calls;
// his second haplotype still evolves, for the variants where he is diploid again.
//
// Speed (10^9 calls per run are common): haplotypes are handled 64 at a time. Which of them redraw u comes as one
// 64-bit mask whose bits are each 1 with probability 1 - rho, built from at most 16 random words along the digits of
// 1 - rho, so only the ~10% that redraw cost a draw of their own; the 64 alleles become 32 samples' .bed codes with a
// few bit operations.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/random.hpp"

namespace ridgeway {

class HaplotypeModel {
public:
    // rho is used to 1/65536 (the precision of the redraw mask). `males` flags the male samples (empty: none).
    HaplotypeModel(std::size_t n_samples, double rho, double missing_rate, Random random,
                   const std::vector<bool>& males = {});

    // The next variant, A1 frequency `a1_frequency`, as (n_samples + 3) / 4 .bed bytes with zero padding bits; males
    // carry one haplotype when `males_hemizygous`.
    void next_variant(double a1_frequency, std::span<std::uint8_t> bytes, bool males_hemizygous = false);

private:
    std::uint64_t redraw_mask();
    void draw_haplotypes(std::uint32_t a1_threshold, bool males_hemizygous, std::span<std::uint8_t> bytes);
    void set_missing_calls(std::span<std::uint8_t> bytes);

    std::size_t n_samples_;
    std::uint32_t redraw_chance_;  // 1 - rho in units of 1/65536
    double missing_rate_;
    Random random_;
    // Latent u per haplotype as 32-bit integers (sample s has 2s and 2s + 1), padded to whole blocks of 64 so the
    // inner loop has no tail case; the padding haplotypes are drawn too but never written.
    std::vector<std::uint32_t> latent_;
    // Per block of 64 haplotypes, bit 2s + 1 set when sample s of the block is male (his second haplotype).
    std::vector<std::uint64_t> male_second_;
    std::uint64_t next_missing_ = 0;  // index of the next missing call, counting calls across variants
    std::uint64_t calls_made_ = 0;
};

}  // namespace ridgeway
