#pragma once
// The built-in cohort simulator behind `ridgeway simulate`: PLINK 1 genotypes on several chromosomes with a realistic
// allele frequency spectrum and LD, covariates, quantitative and case/control traits with known causal variants.
// Samples are named FID = IID = S1..SN. With chromosome X, males (the covariate SEX, also in the .fam) have one copy of
// its non-pseudoautosomal part, written as homozygous calls (0 or 2), which is also how it enters the traits. See
// haplotype_model.hpp, covariate_model.hpp and trait_model.hpp for the models, simulation_tables.hpp for the text
// files.
#include <cstddef>
#include <cstdint>
#include <string>

namespace ridgeway {

class OutputSet;
class RunLog;

struct SimulationSettings {
    std::size_t n_samples = 2000;
    std::size_t n_variants = 50000;
    std::size_t n_chromosomes = 10;  // variants split evenly over chromosomes 1..n_chromosomes
    std::size_t n_chromosome_x = 0;  // variants on chromosome X, besides n_variants (0: no chromosome X)
    std::uint64_t seed = 1;
    double h2 = 0.5;                 // heritability of every simulated trait (liability scale for B traits)
    double epistasis = 0;            // share of each quantitative trait's genetic variance from pairwise interactions
    std::size_t n_causal = 100;      // causal variants per trait, among variants with MAF >= 0.01
    std::size_t n_quantitative = 2;  // traits Q1..Qn
    std::size_t n_binary = 1;        // traits B1..Bn (liability threshold; 1 = control, 2 = case)
    double prevalence = 0.1;         // of the binary traits
    double missing_rate = 0.002;     // fraction of genotype calls set missing
    double min_maf = 0.005;          // lower end of the allele frequency spectrum
    unsigned threads = 1;
};

// Writes PREFIX.bed/.bim/.fam, PREFIX.pheno, PREFIX.covar, PREFIX.truth, PREFIX.gv and, with epistasis,
// PREFIX.interactions through `outputs` (temporary names, renamed when the caller commits). Deterministic for a seed
// whatever `threads` is; epistasis 0 and no chromosome X write the same files as before those options existed.
void simulate_cohort(const SimulationSettings& settings, const std::string& prefix, OutputSet& outputs, RunLog& log);

}  // namespace ridgeway
