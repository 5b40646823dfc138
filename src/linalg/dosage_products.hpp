#pragma once
// Products of dosage matrices (imputed genotypes: expected allele counts, fractional), the FP64 counterpart of
// genotype_products.hpp's exact integer products of calls. Dosages are held as float (the sources decode them to
// float, and no source carries more precision), each product of two floats is exact in FP64, and the sums are FP64
// BLAS sums: every result is within a few FP64 roundoffs of the exact dot product, whatever --precision says (an
// INT8 or FP32 route would need whole calls or lose digits). The results depend on the BLAS build and the caller's
// blocks of rows, never on the thread count: each fixed block is one single-threaded BLAS call, so processes with
// different --threads compute the same bytes.
#include <cstddef>
#include <string>
#include <vector>

namespace ridgeway {

// A row-major matrix of dosages: `rows` rows of `length` values, row r starting at data + r * stride. Missing values
// must be imputed by the caller first.
struct DosageRows {
    const float* data = nullptr;
    std::size_t rows = 0;
    std::size_t length = 0;
    std::size_t stride = 0;
};

// out[i * out_stride + j] = a_i . b_j (a.length == b.length).
void dosage_cross_product(DosageRows a, DosageRows b, int threads, double* out, std::size_t out_stride);

// The full symmetric Gram a a', a.rows x a.rows row-major (each block below the diagonal computed once, then mirrored).
void dosage_gram_full(DosageRows a, int threads, std::vector<double>& out);

// One line for the log.
std::string dosage_product_route();

}  // namespace ridgeway
