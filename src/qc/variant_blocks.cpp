#include "qc/variant_blocks.hpp"

#include "qc/chromosome.hpp"

namespace ridgeway {

std::vector<VariantBlock> make_blocks(const GenotypeSource& genotypes, const std::vector<std::size_t>& variants,
                                      std::size_t size) {
    std::vector<VariantBlock> blocks;
    for (std::size_t i = 0; i < variants.size(); ++i) {
        constexpr int kX = 23, kXY = 25;
        int chromosome = chromosome_code(genotypes.variants()[variants[i]].chrom);
        if (chromosome == kXY) chromosome = kX;
        if (blocks.empty() || blocks.back().chromosome != chromosome || blocks.back().count == size)
            blocks.push_back({chromosome, i, 0});
        ++blocks.back().count;
    }
    return blocks;
}

}  // namespace ridgeway
