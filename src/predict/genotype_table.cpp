#include "predict/genotype_table.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "core/parallel.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kChunk = 256;  // variants decoded per read

bool is_missing(std::int8_t call) { return call == kMissingCall; }
bool is_missing(float dosage) { return std::isnan(dosage); }

// Decodes the chunks of `variants` in parallel; `code_chunk(first, last, block, table)` codes a chunk (the block
// holds its variants present in the file, variant-major) into the table's columns [first, last).
template <typename CodeChunk>
GenotypeTable read_in_chunks(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                             const std::vector<std::size_t>& samples, bool dosage, int threads,
                             const CodeChunk& code_chunk) {
    GenotypeTable table{samples.size(), variants.size(), dosage, {}, {}};
    if (dosage) table.dosages.resize(samples.size() * variants.size());
    else table.calls.resize(samples.size() * variants.size());
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

// use(columns, values): the block's rows `rows` (kAbsentVariant: a null column) as columns of the table's kind, and
// the table's values. A dosage table reads a block without dosages as whole-number dosages (kept in `widened`).
template <typename Use>
void with_columns(const GenotypeBlock& block, const std::vector<std::size_t>& rows, GenotypeTable& table,
                  std::vector<float>& widened, const Use& use) {
    if (!table.dosage) {
        std::vector<const std::int8_t*> columns;
        for (std::size_t r : rows) columns.push_back(r == kAbsentVariant ? nullptr : block.variant(r));
        use(columns, table.calls.data());
        return;
    }
    if (!block.with_dosages) {
        widened.resize(block.calls.size());
        for (std::size_t i = 0; i < widened.size(); ++i)
            widened[i] = is_missing(block.calls[i]) ? NAN : static_cast<float>(block.calls[i]);
    }
    std::vector<const float*> columns;
    for (std::size_t r : rows)
        columns.push_back(r == kAbsentVariant      ? nullptr
                          : block.with_dosages ? block.dosage(r)
                                               : widened.data() + r * block.n_samples);
    use(columns, table.dosages.data());
}

// The fill and centre of one training variant. Calls are filled with the whole call nearest the mean, which keeps
// every product an integer; dosages with the mean itself, rounded to float as the table holds it. The sum is exact
// for calls (small integers in FP64), so their coding does not depend on the order of the samples.
template <typename Value>
void code_variant(const Value* values, std::size_t n, double& fill, double& centre) {
    std::size_t observed = 0;
    double sum = 0;
    for (std::size_t s = 0; s < n; ++s)
        if (!is_missing(values[s])) ++observed, sum += values[s];
    const double mean = observed ? sum / static_cast<double>(observed) : 0.0;
    if constexpr (std::is_same_v<Value, float>) fill = static_cast<float>(mean);
    else fill = static_cast<double>(std::lround(mean));
    centre = (sum + static_cast<double>(n - observed) * fill) / static_cast<double>(n);
}

// Writes the chunk's variant-major columns into the table's columns first.. in sample order (contiguous writes), a
// missing value (or an absent variant: a null column) replaced by the fill.
template <typename Value>
void transpose_chunk(const std::vector<const Value*>& columns, std::size_t first, const std::vector<bool>& swapped,
                     const VariantCoding& coding, std::size_t n_samples, std::size_t n_variants, Value* values) {
    std::vector<Value> fills(columns.size());
    for (std::size_t k = 0; k < columns.size(); ++k) fills[k] = static_cast<Value>(coding.fill[first + k]);
    for (std::size_t s = 0; s < n_samples; ++s) {
        Value* row = values + s * n_variants + first;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (!columns[k]) {
                row[k] = fills[k];
                continue;
            }
            const Value value = columns[k][s];
            const bool swap = !swapped.empty() && swapped[first + k];
            row[k] = is_missing(value) ? fills[k] : static_cast<Value>(swap ? 2 - value : value);
        }
    }
}

}  // namespace

GenotypeTable as_dosages(const GenotypeTable& table) {
    if (table.dosage) return table;
    GenotypeTable out{table.n_samples, table.n_variants, true, {}, {}};
    out.dosages.assign(table.calls.begin(), table.calls.end());
    return out;
}

GenotypeTable read_training_genotypes(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                                      const std::vector<std::size_t>& samples, int threads, VariantCoding& coding) {
    coding.fill.assign(variants.size(), 0.0);
    coding.centre.assign(variants.size(), 0.0);
    return read_in_chunks(source, variants, samples, source.has_dosages(), threads,
                          [&](std::size_t first, std::size_t last, const GenotypeBlock& block, GenotypeTable& table) {
        std::vector<std::size_t> rows(last - first);
        for (std::size_t k = 0; k < rows.size(); ++k) rows[k] = k;
        std::vector<float> widened;
        with_columns(block, rows, table, widened, [&](const auto& columns, auto* values) {
            for (std::size_t k = 0; k < columns.size(); ++k)
                code_variant(columns[k], samples.size(), coding.fill[first + k], coding.centre[first + k]);
            transpose_chunk(columns, first, {}, coding, table.n_samples, table.n_variants, values);
        });
    });
}

GenotypeTable read_genotypes(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                             const std::vector<bool>& swapped, const std::vector<std::size_t>& samples,
                             const VariantCoding& coding, bool dosage, int threads) {
    return read_in_chunks(source, variants, samples, dosage, threads,
                          [&](std::size_t first, std::size_t last, const GenotypeBlock& block, GenotypeTable& table) {
        std::vector<std::size_t> rows;  // the block holds only the variants present in the file
        std::size_t row = 0;
        for (std::size_t v = first; v < last; ++v) rows.push_back(variants[v] == kAbsentVariant ? kAbsentVariant : row++);
        std::vector<float> widened;
        with_columns(block, rows, table, widened, [&](const auto& columns, auto* values) {
            transpose_chunk(columns, first, swapped, coding, table.n_samples, table.n_variants, values);
        });
    });
}

Matrix centred_scores(const GenotypeTable& table, const std::vector<std::size_t>& rows,
                      const std::vector<double>& centre, const Matrix& weights) {
    const std::size_t n = rows.empty() ? table.n_samples : rows.size(), m = table.n_variants;
    Matrix out(n, weights.cols());
    table.visit([&](const auto* values) {
        for (std::size_t t = 0; t < weights.cols(); ++t) {
            const double* w = weights.column(t);
            double centre_term = 0;
            for (std::size_t v = 0; v < m; ++v) centre_term += centre[v] * w[v];
            for (std::size_t i = 0; i < n; ++i) {
                const auto* row = values + (rows.empty() ? i : rows[i]) * m;
                double sum = 0;
                for (std::size_t v = 0; v < m; ++v) sum += static_cast<double>(row[v]) * w[v];
                out(i, t) = sum - centre_term;
            }
        }
    });
    return out;
}

}  // namespace ridgeway
