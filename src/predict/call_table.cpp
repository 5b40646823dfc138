#include "predict/call_table.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kChunk = 256;  // variants decoded per read

// Decodes the chunks of `variants` in parallel; `code_chunk(first, last, block, table)` codes a chunk (the block
// holds its variants present in the file, variant-major) into the table's columns [first, last).
template <typename CodeChunk>
CallTable read_in_chunks(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                         const std::vector<std::size_t>& samples, int threads, const CodeChunk& code_chunk) {
    CallTable table{samples.size(), variants.size(), std::vector<std::int8_t>(samples.size() * variants.size())};
    const std::size_t chunks = (variants.size() + kChunk - 1) / kChunk;
    const std::size_t workers = std::min<std::size_t>(std::max(threads, 1), std::max<std::size_t>(chunks, 1));
    run_in_parallel(workers, [&](std::size_t worker) {
        GenotypeBlock block;
        std::vector<std::size_t> present;
        for (std::size_t chunk = worker; chunk < chunks; chunk += workers) {
            const std::size_t first = chunk * kChunk, last = std::min(variants.size(), first + kChunk);
            present.clear();
            for (std::size_t v = first; v < last; ++v)
                if (variants[v] != kAbsentVariant) present.push_back(variants[v]);
            if (!present.empty()) source.read(present, samples, block);
            code_chunk(first, last, block, table);
        }
    });
    return table;
}

// Writes the chunk's variant-major calls into the table's columns first.. in sample order (contiguous writes), a
// missing call (or an absent variant: a null column) replaced by the fill call.
void transpose_chunk(const std::vector<const std::int8_t*>& columns, std::size_t first, const std::vector<bool>& swapped,
                     const VariantCoding& coding, CallTable& table) {
    for (std::size_t s = 0; s < table.n_samples; ++s) {
        std::int8_t* row = table.calls.data() + s * table.n_variants + first;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const std::int8_t fill = coding.fill[first + k];
            if (!columns[k]) {
                row[k] = fill;
                continue;
            }
            const std::int8_t call = columns[k][s];
            const bool swap = !swapped.empty() && swapped[first + k];
            row[k] = call == kMissingCall ? fill : static_cast<std::int8_t>(swap ? 2 - call : call);
        }
    }
}

}  // namespace

CallTable read_training_calls(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                              const std::vector<std::size_t>& samples, int threads, VariantCoding& coding) {
    coding.fill.assign(variants.size(), 0);
    coding.centre.assign(variants.size(), 0.0);
    return read_in_chunks(source, variants, samples, threads,
                          [&](std::size_t first, std::size_t last, const GenotypeBlock& block, CallTable& table) {
        for (std::size_t v = first; v < last; ++v) {
            const std::int8_t* calls = block.variant(v - first);
            std::size_t observed = 0, sum = 0;
            for (std::size_t s = 0; s < samples.size(); ++s)
                if (calls[s] != kMissingCall) ++observed, sum += static_cast<std::size_t>(calls[s]);
            const double mean = observed ? static_cast<double>(sum) / static_cast<double>(observed) : 0.0;
            coding.fill[v] = static_cast<std::int8_t>(std::lround(mean));
            const std::size_t filled = (samples.size() - observed) * static_cast<std::size_t>(coding.fill[v]);
            coding.centre[v] = static_cast<double>(sum + filled) / static_cast<double>(samples.size());
        }
        std::vector<const std::int8_t*> columns(last - first);
        for (std::size_t v = first; v < last; ++v) columns[v - first] = block.variant(v - first);
        transpose_chunk(columns, first, {}, coding, table);
    });
}

CallTable read_calls(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                     const std::vector<bool>& swapped, const std::vector<std::size_t>& samples,
                     const VariantCoding& coding, int threads) {
    return read_in_chunks(source, variants, samples, threads,
                          [&](std::size_t first, std::size_t last, const GenotypeBlock& block, CallTable& table) {
        std::vector<const std::int8_t*> columns;
        std::size_t row = 0;  // the block holds only the variants present in the file
        for (std::size_t v = first; v < last; ++v)
            columns.push_back(variants[v] == kAbsentVariant ? nullptr : block.variant(row++));
        transpose_chunk(columns, first, swapped, coding, table);
    });
}

Matrix centred_scores(const CallTable& calls, const std::vector<std::size_t>& rows, const std::vector<double>& centre,
                      const Matrix& weights) {
    const std::size_t n = rows.empty() ? calls.n_samples : rows.size(), m = calls.n_variants;
    Matrix out(n, weights.cols());
    for (std::size_t t = 0; t < weights.cols(); ++t) {
        const double* w = weights.column(t);
        double centre_term = 0;
        for (std::size_t v = 0; v < m; ++v) centre_term += centre[v] * w[v];
        for (std::size_t i = 0; i < n; ++i) {
            const std::int8_t* row = calls.calls.data() + (rows.empty() ? i : rows[i]) * m;
            double sum = 0;
            for (std::size_t v = 0; v < m; ++v) sum += row[v] * w[v];
            out(i, t) = sum - centre_term;
        }
    }
    return out;
}

}  // namespace ridgeway
