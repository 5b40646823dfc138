#include "linalg/exact_gram.hpp"

#include <cblas.h>

#ifdef RIDGEWAY_HAVE_DNNL
#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace ridgeway {

#ifdef RIDGEWAY_HAVE_DNNL
namespace {

// One u8 x s8 -> s32 product per range: A = calls of the range (variants x samples, row-major with leading
// dimension n), B = its transpose (the same bytes read column-major). Values 0..2 are the same in u8 and s8.
void int8_grams(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples,
                const std::vector<RowRange>& ranges, std::vector<Matrix>& grams) {
    using dnnl::memory;
    // oneDNN runs on OpenMP; ridgeway's threads already work on separate blocks, so each call stays on its own
    // thread rather than starting a pool that would compete with the others.
    omp_set_num_threads(1);
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    dnnl::stream stream(engine);
    const auto b = static_cast<memory::dim>(n_variants), n = static_cast<memory::dim>(n_samples);
    std::vector<std::int32_t> product(n_variants * n_variants);
    memory::desc dst_md({b, b}, memory::data_type::s32, memory::format_tag::ab);
    for (std::size_t k = 0; k < ranges.size(); ++k) {
        const auto rows = static_cast<memory::dim>(ranges[k].end - ranges[k].begin);
        memory::desc src_md({b, rows}, memory::data_type::u8, memory::dims{n, 1});
        memory::desc weights_md({rows, b}, memory::data_type::s8, memory::dims{1, n});
        dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src_md, weights_md, dst_md), engine);
        void* start = const_cast<std::int8_t*>(calls + ranges[k].begin);
        memory src(src_md, engine, start), weights(weights_md, engine, start), dst(dst_md, engine, product.data());
        dnnl::matmul(pd).execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}});
        stream.wait();
        grams[k] = Matrix(n_variants, n_variants);
        for (std::size_t i = 0; i < product.size(); ++i) grams[k].data()[i] = product[i];  // symmetric: layout moot
    }
}

}  // namespace
#endif

void exact_grams_fp64(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples,
                      const std::vector<RowRange>& ranges, std::vector<Matrix>& grams) {
    grams.resize(ranges.size());
    Matrix g(n_samples, n_variants);
    for (std::size_t v = 0; v < n_variants; ++v)
        for (std::size_t i = 0; i < n_samples; ++i) g(i, v) = calls[v * n_samples + i];
    for (std::size_t k = 0; k < ranges.size(); ++k) {
        grams[k] = Matrix(n_variants, n_variants);
        cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, static_cast<int>(n_variants),
                    static_cast<int>(ranges[k].end - ranges[k].begin), 1.0, g.data() + ranges[k].begin,
                    static_cast<int>(n_samples), 0.0, grams[k].data(), static_cast<int>(n_variants));
        for (std::size_t j = 0; j < n_variants; ++j)
            for (std::size_t i = j + 1; i < n_variants; ++i) grams[k](j, i) = grams[k](i, j);
    }
}

void exact_grams(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples,
                 const std::vector<RowRange>& ranges, std::vector<Matrix>& grams) {
    grams.resize(ranges.size());
#ifdef RIDGEWAY_HAVE_DNNL
    int8_grams(calls, n_variants, n_samples, ranges, grams);
#else
    exact_grams_fp64(calls, n_variants, n_samples, ranges, grams);
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
