#pragma once
// The kernels of genomic prediction, as functions of products of genotype rows (genotype_table.hpp):
//   linear    K_ij = (g_i - c).(g_j - c) / s, the genomic relationship matrix of the centred genotypes (c the
//             training means), scaled by s = sum over variants of 2p(1 - p) so that its diagonal averages about 1;
//   gaussian  K_ij = exp(-||g_i - g_j||^2 / (2 sigma^2)).
// Each entry is one FP64 expression of the dot product g_i.g_j and two per-sample terms. For calls the dot product
// is an exact integer, so kernels are as accurate as the FP64 arithmetic of that one expression, whatever route
// computed the products; for dosages it is an FP64 sum, a few roundoffs more.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "predict/genotype_table.hpp"

namespace ridgeway {

enum class KernelKind { linear, gaussian };

KernelKind parse_kernel(const std::string& text);
const char* kernel_name(KernelKind kind);

struct KernelFunction {
    KernelKind kind = KernelKind::linear;
    double sigma2 = 1;        // gaussian
    double scale = 1;         // linear: s
    double centre_norm = 0;   // linear: c.c

    // `dot` = g_i.g_j; `term_i`, `term_j` are the samples' terms (sample_terms()).
    double operator()(double dot, double term_i, double term_j) const {
        if (kind == KernelKind::linear) return (dot - term_i - term_j + centre_norm) / scale;
        return std::exp((2 * dot - term_i - term_j) / (2 * sigma2));
    }
};

// Per-sample terms: g_i.c for the linear kernel, ||g_i||^2 for the gaussian.
std::vector<double> sample_terms(KernelKind kind, const GenotypeTable& table, const VariantCoding& coding);

// The linear kernel's s and c.c for a coding.
KernelFunction linear_kernel(const VariantCoding& coding);

}  // namespace ridgeway
