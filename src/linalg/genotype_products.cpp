#include "linalg/genotype_products.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <tuple>
#include <type_traits>

#include <cblas.h>

#ifdef RIDGEWAY_HAVE_DNNL
#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>
#endif

#include "linalg/blas_threads.hpp"

namespace ridgeway {

namespace {

// FP32 sums of 0..4 terms are exact below 2^24; 4096 terms stay far below it and keep the float copies small.
constexpr std::size_t kChunk = 4096;

struct Span {
    std::size_t begin = 0, end = 0;
    std::size_t size() const { return end - begin; }
};

// One route's block product: dst (rows.size() x columns.size(), dense row-major) = a[rows] . b[columns]'. A
// diagonal block (a == b, rows == columns) needs only its lower triangle, including the diagonal.
class BlockKernel {
public:
    virtual ~BlockKernel() = default;
    virtual void set_columns(CallRows b, Span columns) = 0;
    virtual void multiply(CallRows a, Span rows, bool diagonal, std::int32_t* dst) = 0;
};

template <typename Real>
class BlasKernel final : public BlockKernel {
public:
    explicit BlasKernel(int threads) : threads_(threads) {}

    void set_columns(CallRows b, Span columns) override { b_ = b, columns_ = columns; }

    // Inner-dimension chunks: each chunk's sums are exact in Real, and the float copies stay tile x chunk.
    void multiply(CallRows a, Span rows, bool diagonal, std::int32_t* dst) override {
        const std::size_t m = rows.size(), n = columns_.size();
        std::fill(dst, dst + m * n, 0);
        product_.resize(m * n);
        for (std::size_t k = 0; k < a.length; k += kChunk) {
            const std::size_t width = std::min(kChunk, a.length - k);
            convert(a, rows, k, width, a_copy_);
            if (diagonal) {
                syrk(m, width, a_copy_.data(), product_.data());
            } else {
                convert(b_, columns_, k, width, b_copy_);
                gemm(m, n, width, a_copy_.data(), b_copy_.data(), product_.data());
            }
            for (std::size_t r = 0; r < m; ++r) {
                const std::size_t last = diagonal ? r + 1 : n;
                for (std::size_t c = 0; c < last; ++c) dst[r * n + c] += static_cast<std::int32_t>(product_[r * n + c]);
            }
        }
    }

private:
    static void convert(CallRows x, Span span, std::size_t k, std::size_t width, std::vector<Real>& copy) {
        copy.resize(span.size() * width);
        for (std::size_t r = 0; r < span.size(); ++r) {
            const std::int8_t* from = x.data + (span.begin + r) * x.stride + k;
            std::copy(from, from + width, copy.begin() + static_cast<std::ptrdiff_t>(r * width));
        }
    }

    static int as_int(std::size_t value) { return static_cast<int>(value); }

    void gemm(std::size_t m, std::size_t n, std::size_t k, const Real* a, const Real* b, Real* c) const {
        const BlasThreads guard(threads_);
        if constexpr (std::is_same_v<Real, float>)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, as_int(m), as_int(n), as_int(k), 1.0f, a, as_int(k), b,
                        as_int(k), 0.0f, c, as_int(n));
        else
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, as_int(m), as_int(n), as_int(k), 1.0, a, as_int(k), b,
                        as_int(k), 0.0, c, as_int(n));
    }

    void syrk(std::size_t m, std::size_t k, const Real* a, Real* c) const {
        const BlasThreads guard(threads_);
        if constexpr (std::is_same_v<Real, float>)
            cblas_ssyrk(CblasRowMajor, CblasLower, CblasNoTrans, as_int(m), as_int(k), 1.0f, a, as_int(k), 0.0f, c,
                        as_int(m));
        else
            cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, as_int(m), as_int(k), 1.0, a, as_int(k), 0.0, c,
                        as_int(m));
    }

    int threads_;
    CallRows b_;
    Span columns_;
    std::vector<Real> a_copy_, b_copy_, product_;
};

#ifdef RIDGEWAY_HAVE_DNNL

const dnnl::engine& cpu_engine() {
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

// oneDNN's fast INT8 kernels (brgemm) take only dense operands: a strided source or destination falls back to a
// much slower GEMM. Sources are therefore packed when strided, the weights are reordered once per column tile into
// the layout the primitive prefers, and results land in a dense block. Values 0..2 read the same as u8 and s8.
class Int8Kernel final : public BlockKernel {
public:
    explicit Int8Kernel(int threads) : threads_(std::max(threads, 1)), stream_(cpu_engine()) {
        omp_set_num_threads(threads_);
    }

    void set_columns(CallRows b, Span columns) override {
        using dnnl::memory;
        const auto k = static_cast<memory::dim>(b.length), n = static_cast<memory::dim>(columns.size());
        const memory::desc strided({k, n}, memory::data_type::s8, memory::dims{1, static_cast<memory::dim>(b.stride)});
        columns_ = memory(strided, cpu_engine(), const_cast<std::int8_t*>(b.data + columns.begin * b.stride));
        weights_ready_ = false;
    }

    void multiply(CallRows a, Span rows, bool, std::int32_t* dst) override {
        using dnnl::memory;
        const auto m = static_cast<memory::dim>(rows.size()), k = static_cast<memory::dim>(a.length);
        const memory::dim n = columns_.get_desc().dims()[1];
        const Primitive& primitive = cached_primitive(m, k, n);
        if (!weights_ready_ || weights_.get_desc() != primitive.weights) {
            weights_ = memory(primitive.weights, cpu_engine());
            dnnl::reorder(columns_, weights_).execute(stream_, columns_, weights_);
            weights_ready_ = true;
        }
        const std::int8_t* source = a.data + rows.begin * a.stride;
        if (a.stride != a.length) {
            packed_.resize(rows.size() * a.length);
            for (std::size_t r = 0; r < rows.size(); ++r)
                std::memcpy(packed_.data() + r * a.length, source + r * a.stride, a.length);
            source = packed_.data();
        }
        memory src(primitive.source, cpu_engine(), const_cast<std::int8_t*>(source));
        memory out(primitive.destination, cpu_engine(), dst);
        primitive.matmul.execute(stream_, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, out}});
        stream_.wait();
    }

private:
    struct Primitive {
        dnnl::memory::desc source, weights, destination;
        dnnl::matmul matmul;
    };

    // Step 1 asks each worker thread for the same few shapes again and again; reusing their primitives saves about
    // 5% of a 1000-row fold Gram. The kernel a primitive picks depends on the thread count.
    const Primitive& cached_primitive(dnnl::memory::dim m, dnnl::memory::dim k, dnnl::memory::dim n) const {
        using dnnl::memory;
        using Key = std::tuple<memory::dim, memory::dim, memory::dim, int>;
        thread_local std::map<Key, Primitive> cache;
        const Key key{m, k, n, threads_};
        if (auto found = cache.find(key); found != cache.end()) return found->second;
        if (cache.size() >= 64) cache.clear();
        const memory::desc source({m, k}, memory::data_type::u8, memory::format_tag::ab);
        const memory::desc weights({k, n}, memory::data_type::s8, memory::format_tag::any);
        const memory::desc destination({m, n}, memory::data_type::s32, memory::format_tag::ab);
        const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(source, weights, destination), cpu_engine());
        return cache.emplace(key, Primitive{source, pd.weights_desc(), destination, dnnl::matmul(pd)}).first->second;
    }

    int threads_;
    dnnl::stream stream_;
    dnnl::memory columns_, weights_;
    bool weights_ready_ = false;
    std::vector<std::int8_t> packed_;
};

const char* isa_name(dnnl::cpu_isa isa) {
    switch (isa) {
        case dnnl::cpu_isa::sse41: return "sse41";
        case dnnl::cpu_isa::avx: return "avx";
        case dnnl::cpu_isa::avx2: return "avx2";
        case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
        case dnnl::cpu_isa::avx512_mic: return "avx512_mic";
        case dnnl::cpu_isa::avx512_mic_4ops: return "avx512_mic_4ops";
        case dnnl::cpu_isa::avx512_core: return "avx512_core";
        case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
        case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
        case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
        default: return "generic";
    }
}

#endif

// Without a length there is nothing to multiply; the BLAS kernel's chunk loop then leaves zeros.
std::unique_ptr<BlockKernel> make_kernel(Precision precision, [[maybe_unused]] std::size_t length, int threads) {
#ifdef RIDGEWAY_HAVE_DNNL
    if (precision == Precision::mixed && length > 0) return std::make_unique<Int8Kernel>(threads);
#endif
    if (precision == Precision::fp32) return std::make_unique<BlasKernel<float>>(threads);
    return std::make_unique<BlasKernel<double>>(threads);
}

std::size_t tiles(std::size_t count) { return (count + kProductTile - 1) / kProductTile; }

Span tile_span(std::size_t tile, std::size_t count) {
    return {tile * kProductTile, std::min(count, (tile + 1) * kProductTile)};
}

std::vector<std::int32_t> squared_norms(CallRows a) {
    std::vector<std::int32_t> norms(a.rows);
    for (std::size_t r = 0; r < a.rows; ++r) {
        std::int32_t sum = 0;
        for (std::size_t k = 0; k < a.length; ++k) sum += a.data[r * a.stride + k] * a.data[r * a.stride + k];
        norms[r] = sum;
    }
    return norms;
}

}  // namespace

// Column tiles outside, so each tile's weights are prepared once and serve every row tile below it.
void gram_lower(CallRows a, Precision precision, int threads, std::int32_t* out, std::size_t out_stride) {
    const auto kernel = make_kernel(precision, a.length, threads);
    std::vector<std::int32_t> block;
    for (std::size_t j = 0; j < tiles(a.rows); ++j) {
        const Span columns = tile_span(j, a.rows);
        kernel->set_columns(a, columns);
        for (std::size_t i = j; i < tiles(a.rows); ++i) {
            const Span rows = tile_span(i, a.rows);
            block.resize(rows.size() * columns.size());
            kernel->multiply(a, rows, i == j, block.data());
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const std::size_t width = i == j ? r + 1 : columns.size();
                std::copy_n(block.data() + r * columns.size(), width,
                            out + (rows.begin + r) * out_stride + columns.begin);
            }
        }
    }
}

void gram_full(CallRows a, Precision precision, int threads, std::vector<std::int32_t>& out) {
    const std::size_t n = a.rows;
    out.resize(n * n);
    gram_lower(a, precision, threads, out.data(), n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j) out[j * n + i] = out[i * n + j];
}

void cross_product(CallRows a, CallRows b, Precision precision, int threads, std::int32_t* out,
                   std::size_t out_stride) {
    const auto kernel = make_kernel(precision, a.length, threads);
    std::vector<std::int32_t> block;
    for (std::size_t j = 0; j < tiles(b.rows); ++j) {
        const Span columns = tile_span(j, b.rows);
        kernel->set_columns(b, columns);
        for (std::size_t i = 0; i < tiles(a.rows); ++i) {
            const Span rows = tile_span(i, a.rows);
            block.resize(rows.size() * columns.size());
            kernel->multiply(a, rows, false, block.data());
            for (std::size_t r = 0; r < rows.size(); ++r)
                std::copy_n(block.data() + r * columns.size(), columns.size(),
                            out + (rows.begin + r) * out_stride + columns.begin);
        }
    }
}

void squared_distances_lower(CallRows a, Precision precision, int threads, std::int32_t* out,
                             std::size_t out_stride) {
    gram_lower(a, precision, threads, out, out_stride);
    std::vector<std::int32_t> norms(a.rows);
    for (std::size_t i = 0; i < a.rows; ++i) norms[i] = out[i * out_stride + i];
    for (std::size_t i = 0; i < a.rows; ++i)
        for (std::size_t j = 0; j <= i; ++j) {
            std::int32_t& entry = out[i * out_stride + j];
            entry = norms[i] + norms[j] - 2 * entry;
        }
}

void squared_distances(CallRows a, CallRows b, Precision precision, int threads, std::int32_t* out,
                       std::size_t out_stride) {
    cross_product(a, b, precision, threads, out, out_stride);
    const std::vector<std::int32_t> a_norms = squared_norms(a), b_norms = squared_norms(b);
    for (std::size_t i = 0; i < a.rows; ++i)
        for (std::size_t j = 0; j < b.rows; ++j) {
            std::int32_t& entry = out[i * out_stride + j];
            entry = a_norms[i] + b_norms[j] - 2 * entry;
        }
}

std::string product_route(Precision precision) {
    switch (precision) {
        case Precision::mixed:
#ifdef RIDGEWAY_HAVE_DNNL
            return std::string("INT8 u8 x s8 -> s32, oneDNN matmul (ISA ") + isa_name(dnnl::get_effective_cpu_isa()) +
                   ")";
#else
            return "FP64 BLAS dgemm/dsyrk on integer values (this build has no oneDNN)";
#endif
        case Precision::fp32: return "FP32 BLAS sgemm/ssyrk, inner dimension summed in int32 over chunks of 4096";
        case Precision::fp64: return "FP64 BLAS dgemm/dsyrk";
    }
    return "?";
}

}  // namespace ridgeway
