#include "linalg/exact_gram.hpp"

#include <cblas.h>

#ifdef RIDGEWAY_HAVE_DNNL
#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace ridgeway {

#ifdef RIDGEWAY_HAVE_DNNL
namespace {

// A = the range's calls (variants x samples, row-major with leading dimension n), B = its transpose (the same bytes
// read column-major). Values 0..2 are the same in u8 and s8.
void int8_gram(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples, RowRange range,
               std::vector<std::int32_t>& gram) {
    using dnnl::memory;
    // oneDNN runs on OpenMP; ridgeway's threads already work on separate blocks, so each call stays on its own
    // thread rather than starting a pool that would compete with the others.
    omp_set_num_threads(1);
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    dnnl::stream stream(engine);
    const auto b = static_cast<memory::dim>(n_variants), n = static_cast<memory::dim>(n_samples);
    const auto rows = static_cast<memory::dim>(range.end - range.begin);
    gram.resize(n_variants * n_variants);
    memory::desc dst_md({b, b}, memory::data_type::s32, memory::format_tag::ab);
    memory::desc src_md({b, rows}, memory::data_type::u8, memory::dims{n, 1});
    memory::desc weights_md({rows, b}, memory::data_type::s8, memory::dims{1, n});
    dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src_md, weights_md, dst_md), engine);
    void* start = const_cast<std::int8_t*>(calls + range.begin);
    memory src(src_md, engine, start), weights(weights_md, engine, start), dst(dst_md, engine, gram.data());
    dnnl::matmul(pd).execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}});
    stream.wait();
}

}  // namespace
#endif

void exact_gram_fp64(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples, RowRange range,
                     std::vector<std::int32_t>& gram) {
    const std::size_t rows = range.end - range.begin;
    std::vector<double> g(rows * n_variants), product(n_variants * n_variants);
    for (std::size_t v = 0; v < n_variants; ++v)
        for (std::size_t i = 0; i < rows; ++i) g[v * rows + i] = calls[v * n_samples + range.begin + i];
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, static_cast<int>(n_variants), static_cast<int>(rows), 1.0,
                g.data(), static_cast<int>(rows), 0.0, product.data(), static_cast<int>(n_variants));
    gram.resize(n_variants * n_variants);
    for (std::size_t j = 0; j < n_variants; ++j)
        for (std::size_t i = j; i < n_variants; ++i)
            gram[i * n_variants + j] = gram[j * n_variants + i] = static_cast<std::int32_t>(product[j * n_variants + i]);
}

void exact_gram(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples, RowRange range,
                std::vector<std::int32_t>& gram) {
#ifdef RIDGEWAY_HAVE_DNNL
    int8_gram(calls, n_variants, n_samples, range, gram);
#else
    exact_gram_fp64(calls, n_variants, n_samples, range, gram);
#endif
}

std::string exact_gram_route() {
#ifdef RIDGEWAY_HAVE_DNNL
    return "INT8 (oneDNN u8 x s8 -> s32 matmul)";
#else
    return "FP64 BLAS on integer values";
#endif
}

}  // namespace ridgeway
