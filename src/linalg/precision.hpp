#pragma once
// The arithmetic a command may use (--precision). Every choice gives exact genotype products; they differ in how
// the dense systems are factored and solved:
//   fp64   FP64 products and FP64 Cholesky: the reference;
//   fp32   FP32 products, kernels and Cholesky, no refinement: fast, with FP32 accuracy (reported for comparison);
//   mixed  INT8 products, FP32 Cholesky refined in FP64 to FP64 accuracy, FP64 Cholesky when refinement stalls.
#include <string>

namespace ridgeway {

enum class Precision { fp64, fp32, mixed };

// Parses "fp64", "fp32" or "mixed"; anything else is a usage error naming --precision.
Precision parse_precision(const std::string& text);
const char* precision_name(Precision precision);

}  // namespace ridgeway
