// INT8 Gram throughput: how close gram_lower(mixed) comes to oneDNN's own INT8 GEMM on this CPU, and what the FP32
// and FP64 routes take for the same Gram.
//   ridgeway_int8_throughput [N rows] [M length] [threads]     defaults 8000 20000 2
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>

#include "linalg/genotype_products.hpp"

namespace {

using ridgeway::CallRows;
using ridgeway::Precision;

double best_seconds(int repeats, const std::function<void()>& work) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

// A square u8 x s8 -> s32 matmul with the weights already in the primitive's preferred layout: the best oneDNN
// offers, the yardstick for the Gram.
double square_gemm_gops(long size, int threads) {
    using dnnl::memory;
    omp_set_num_threads(threads);
    const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    dnnl::stream stream(engine);
    const memory::desc src_md({size, size}, memory::data_type::u8, memory::format_tag::ab);
    const memory::desc user_weights_md({size, size}, memory::data_type::s8, memory::format_tag::ab);
    const memory::desc dst_md({size, size}, memory::data_type::s32, memory::format_tag::ab);
    const dnnl::matmul::primitive_desc pd(
        dnnl::matmul::desc(src_md, memory::desc({size, size}, memory::data_type::s8, memory::format_tag::any), dst_md),
        engine);
    std::vector<std::int8_t> a(static_cast<std::size_t>(size * size), 1), b(a);
    std::vector<std::int32_t> c(a.size());
    memory src(src_md, engine, a.data()), user_weights(user_weights_md, engine, b.data());
    memory dst(dst_md, engine, c.data());
    memory weights(pd.weights_desc(), engine);
    dnnl::reorder(user_weights, weights).execute(stream, user_weights, weights);
    const dnnl::matmul matmul(pd);
    const double seconds = best_seconds(3, [&] {
        matmul.execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}});
        stream.wait();
    });
    std::printf("oneDNN %s\n", pd.impl_info_str());
    return 2.0 * static_cast<double>(size) * size * size / seconds / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 8000;
    const std::size_t m = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 20000;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 2;

    const long square = static_cast<long>(std::min<std::size_t>(n, 4096));
    const double peak = square_gemm_gops(square, threads);
    std::printf("(a) square INT8 GEMM %ld^3, %d threads: %.1f GOP/s (best of 3)\n", square, threads, peak);

    std::mt19937 random(1);
    std::vector<std::int8_t> calls(n * m);
    for (auto& call : calls) call = static_cast<std::int8_t>(random() % 3);
    const CallRows a{calls.data(), n, m, m};
    std::vector<std::int32_t> out(n * n);
    const double lower_ops = static_cast<double>(n) * (n + 1) / 2 * static_cast<double>(m) * 2;

    std::printf("route: %s\n", ridgeway::product_route(Precision::mixed).c_str());
    const double mixed = best_seconds(3, [&] { gram_lower(a, Precision::mixed, threads, out.data(), n); });
    const double gops = lower_ops / mixed / 1e9;
    std::printf("(b) gram_lower mixed, N %zu x M %zu: %.3f s, %.1f GOP/s, ratio to (a) %.2f\n", n, m, mixed, gops,
                gops / peak);
    for (Precision precision : {Precision::fp32, Precision::fp64}) {
        const double seconds = best_seconds(1, [&] { gram_lower(a, precision, threads, out.data(), n); });
        std::printf("(c) gram_lower %s: %.3f s\n", ridgeway::precision_name(precision), seconds);
    }
}
