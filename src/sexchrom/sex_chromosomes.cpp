#include "sexchrom/sex_chromosomes.hpp"

#include <cmath>
#include <limits>

#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

constexpr int kX = 23, kY = 24, kXY = 25, kMT = 26;

void set_missing(GenotypeBlock& block, std::size_t v, std::size_t j) {
    block.variant(v)[j] = kMissingCall;
    if (block.with_dosages) block.dosage(v)[j] = std::numeric_limits<float>::quiet_NaN();
}

}  // namespace

ChromosomeClass classify_variant(const Variant& variant, const ParRegions& par) {
    switch (chromosome_code(variant.chrom)) {
        case kX: return par.contains(variant.pos) ? ChromosomeClass::x_par : ChromosomeClass::x_nonpar;
        case kXY: return ChromosomeClass::x_par;
        case kY: return ChromosomeClass::y;
        case kMT: return ChromosomeClass::mt;
        default: return ChromosomeClass::autosome;
    }
}

SexChromosomes::SexChromosomes(const std::vector<Variant>& variants, std::vector<Sex> sexes,
                               SexChromosomeSettings settings)
    : sexes_(std::move(sexes)), settings_(std::move(settings)) {
    classes_.reserve(variants.size());
    for (const Variant& variant : variants) classes_.push_back(classify_variant(variant, settings_.par));
}

void SexChromosomes::code_variant(GenotypeBlock& block, std::size_t v, ChromosomeClass cls,
                                  std::span<const std::size_t> samples, std::uint32_t* inconsistent) const {
    const auto flag = [&](std::size_t j) {
        set_missing(block, v, j);
        if (inconsistent) ++inconsistent[j];
    };
    std::int8_t* calls = block.variant(v);
    if (cls != ChromosomeClass::x_nonpar) {
        if (!block.haploid.empty())
            for (std::size_t j = 0; j < block.n_samples; ++j)
                if (block.is_haploid(v, j)) flag(j);
        return;
    }
    const bool halve = settings_.xchr_model == 1;
    for (std::size_t j = 0; j < block.n_samples; ++j) {
        const Sex s = sex(samples[j]);
        if (s == Sex::unknown) {
            set_missing(block, v, j);
        } else if (s == Sex::female) {
            if (block.is_haploid(v, j)) flag(j);
        } else if (!block.is_haploid(v, j) && !block.with_dosages && calls[j] == 1) {
            flag(j);
        } else if (halve && calls[j] != kMissingCall) {
            if (block.with_dosages) {
                float& dosage = block.dosage(v)[j];
                dosage /= 2;
                calls[j] = nearest_call(dosage);
            } else {
                calls[j] = static_cast<std::int8_t>(calls[j] / 2);
            }
        }
    }
}

}  // namespace ridgeway
