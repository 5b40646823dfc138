#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "report/result_table.hpp"

namespace ridgeway {
namespace {

// The report lays chromosomes out in genome order whatever the file's: autosomes by number, then X, in
// PLINK's order of the other codes: Y, the pseudo-autosomal XY (PAR1, PAR2), MT; then other names.
TEST(ResultTable, ChromosomesInGenomeOrderWithTheSexChromosomesAfter22) {
    const std::string path = ::testing::TempDir() + "sex_chromosomes.Q1.linear.tsv";
    {
        std::ofstream out(path);
        out << "#CHROM\tPOS\tID\tP\n";
        const std::vector<std::string> order{"X", "PAR1", "2", "chrMT", "22", "Y", "10", "contig9", "PAR2"};
        for (std::size_t i = 0; i < order.size(); ++i) out << order[i] << '\t' << 100 + i << "\tv" << i << "\t0.5\n";
    }
    const ResultTable table = read_result_table(path);
    EXPECT_EQ(table.chromosome_names,
              (std::vector<std::string>{"2", "10", "22", "X", "Y", "PAR1", "PAR2", "chrMT", "contig9"}));
    std::remove(path.c_str());
}

}  // namespace
}  // namespace ridgeway
