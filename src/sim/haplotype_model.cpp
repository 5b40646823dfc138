#include "sim/haplotype_model.hpp"

#include <algorithm>
#include <string>

namespace ridgeway {

std::vector<SimulatedVariantInfo> draw_chromosome_variants(int chromosome, std::size_t count, Random& random) {
    static const char* const kAlleles = "ACGT";
    std::vector<SimulatedVariantInfo> variants(count);
    long long position = 10000;
    for (auto& info : variants) {
        position += 1000 + static_cast<long long>(random.below(9000));
        // Beta(1/2, 1/2) folded at 1/2: most variants rare, some common, as in sequenced populations.
        double x = std::sin(0.5 * M_PI * random.uniform());
        double maf = std::max(0.005, std::min(x * x, 1.0 - x * x));
        info.a1_frequency = random.uniform() < 0.5 ? maf : 1.0 - maf;
        int first = static_cast<int>(random.below(4));
        int second = (first + 1 + static_cast<int>(random.below(3))) % 4;
        info.variant.chrom = std::to_string(chromosome);
        info.variant.pos = position;
        info.variant.id = "rs" + std::to_string(chromosome) + "_" + std::to_string(position);
        info.variant.allele1 = std::string(1, kAlleles[first]);
        info.variant.allele2 = std::string(1, kAlleles[second]);
    }
    return variants;
}

HaplotypeModel::HaplotypeModel(std::size_t n_samples, double rho, double missing_rate, Random& random)
    : n_samples_(n_samples), rho_(rho), missing_rate_(missing_rate), random_(random), latent_(2 * n_samples),
      next_redraw_(2 * n_samples, 0) {
    next_missing_ = missing_rate_ > 0 ? random_.geometric(missing_rate_) : UINT64_MAX;
}

void HaplotypeModel::next_variant(double a1_frequency, std::span<std::int8_t> calls) {
    for (std::size_t h = 0; h < latent_.size(); ++h) {
        if (next_redraw_[h] == variant_) {
            latent_[h] = random_.uniform();
            next_redraw_[h] = variant_ + 1 + random_.geometric(1.0 - rho_);
        }
    }
    for (std::size_t s = 0; s < n_samples_; ++s)
        calls[s] = static_cast<std::int8_t>((latent_[2 * s] < a1_frequency) + (latent_[2 * s + 1] < a1_frequency));
    // Missing calls fall at geometric gaps along the stream of all calls, one draw per missing call.
    while (next_missing_ < calls_made_ + n_samples_) {
        calls[next_missing_ - calls_made_] = kMissingCall;
        next_missing_ += 1 + random_.geometric(missing_rate_);
    }
    calls_made_ += n_samples_;
    ++variant_;
}

}  // namespace ridgeway
