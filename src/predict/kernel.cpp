#include "predict/kernel.hpp"

#include "core/error.hpp"

namespace ridgeway {

KernelKind parse_kernel(const std::string& text) {
    if (text == "linear") return KernelKind::linear;
    if (text == "gaussian") return KernelKind::gaussian;
    throw Error(ErrorKind::usage, "--kernel: '" + text + "' is not one of linear, gaussian");
}

const char* kernel_name(KernelKind kind) { return kind == KernelKind::linear ? "linear" : "gaussian"; }

std::vector<double> sample_terms(KernelKind kind, const GenotypeTable& table, const VariantCoding& coding) {
    std::vector<double> terms(table.n_samples);
    table.visit([&](const auto* values) {
        for (std::size_t i = 0; i < table.n_samples; ++i) {
            const auto* row = values + i * table.n_variants;
            double sum = 0;  // for calls, sums of integers below 2^53 (gaussian) are exact
            for (std::size_t v = 0; v < table.n_variants; ++v) {
                const double value = row[v];
                sum += kind == KernelKind::linear ? value * coding.centre[v] : value * value;
            }
            terms[i] = sum;
        }
    });
    return terms;
}

KernelFunction linear_kernel(const VariantCoding& coding) {
    KernelFunction kernel;
    kernel.scale = 0;
    for (double c : coding.centre) {
        kernel.scale += c * (2 - c) / 2;  // 2p(1 - p) with p = c / 2
        kernel.centre_norm += c * c;
    }
    if (kernel.scale <= 0) throw Error(ErrorKind::inconsistent, "no variant varies among the training samples");
    return kernel;
}

}  // namespace ridgeway
