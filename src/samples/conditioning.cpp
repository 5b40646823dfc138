#include "samples/conditioning.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

namespace {

constexpr auto npos = static_cast<std::size_t>(-1);
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::vector<std::size_t> find_listed_variants(const std::vector<ListedVariant>& listed, const std::string& list_path,
                                              const GenotypeSource& source, const std::vector<std::size_t>& candidates,
                                              const std::string& candidates_text) {
    std::unordered_map<std::string, std::size_t> wanted;
    for (std::size_t k = 0; k < listed.size(); ++k) wanted.emplace(listed[k].id, k);
    std::vector<std::size_t> found(listed.size(), npos);
    for (std::size_t index : candidates) {
        const Variant& variant = source.variants()[index];
        const auto it = wanted.find(variant.id);
        if (it == wanted.end()) continue;
        std::size_t& slot = found[it->second];
        if (slot != npos) {
            const Variant& other = source.variants()[slot];
            throw Error(ErrorKind::inconsistent,
                        fmt::format("{}: variant ID {} is carried by two variants of {} ({}:{} and {}:{}); the "
                                    "conditioning variant must be unique",
                                    file_position(list_path, listed[it->second].line), variant.id, candidates_text,
                                    other.chrom, other.pos, variant.chrom, variant.pos));
        }
        slot = index;
    }
    for (std::size_t k = 0; k < listed.size(); ++k)
        if (found[k] == npos)
            throw Error(ErrorKind::inconsistent, fmt::format("{}: variant ID {} is not among {}",
                                                             file_position(list_path, listed[k].line), listed[k].id,
                                                             candidates_text));
    return found;
}

Matrix read_conditioning_values(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                                const std::vector<std::size_t>& rows) {
    // The source reads increasing sample indices; `rows` may come in another order (another file's samples).
    std::vector<std::size_t> present;
    for (std::size_t s : rows)
        if (s != npos) present.push_back(s);
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    std::vector<std::size_t> position(rows.size(), npos);
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i] != npos)
            position[i] = static_cast<std::size_t>(std::lower_bound(present.begin(), present.end(), rows[i]) -
                                                   present.begin());
    Matrix values(rows.size(), variants.size(), kMissing);
    GenotypeBlock block;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        source.read(std::span(variants).subspan(v, 1), present, block);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (position[i] == npos) continue;
            if (block.with_dosages) {
                const float dosage = block.dosage(0)[position[i]];
                if (!std::isnan(dosage)) values(i, v) = dosage;
            } else if (const std::int8_t call = block.variant(0)[position[i]]; call != kMissingCall) {
                values(i, v) = call;
            }
        }
    }
    return values;
}

Cohort conditioned_cohort(const Cohort& cohort, const ConditioningVariants& conditioning, RunLog& log) {
    const std::size_t n = cohort.sample_indices.size(), k = conditioning.ids.size();
    Cohort out = cohort;
    std::vector<bool> left_out(n, false);
    for (std::size_t v = 0; v < k; ++v)
        for (std::size_t i = 0; i < n; ++i) left_out[i] = left_out[i] || std::isnan(conditioning.values(i, v));
    std::size_t dropped = 0;
    for (std::size_t i = 0; i < n; ++i) {
        bool has_trait = false;
        for (std::size_t t = 0; t < cohort.traits.cols(); ++t) has_trait = has_trait || !std::isnan(cohort.traits(i, t));
        if (!left_out[i]) continue;
        dropped += has_trait;
        for (std::size_t t = 0; t < out.traits.cols(); ++t) out.traits(i, t) = kMissing;
    }
    out.covariates = Matrix(n, cohort.covariates.cols() + k);
    std::copy(cohort.covariates.data(), cohort.covariates.data() + n * cohort.covariates.cols(), out.covariates.data());
    for (std::size_t v = 0; v < k; ++v) {
        // Over the samples step 2 tests: those with every conditioning genotype and some trait value.
        double sum = 0, low = std::numeric_limits<double>::infinity(), high = -low;
        std::size_t counted = 0;
        for (std::size_t i = 0; i < n; ++i) {
            bool has_trait = false;
            for (std::size_t t = 0; t < out.traits.cols(); ++t) has_trait = has_trait || !std::isnan(out.traits(i, t));
            if (!has_trait) continue;
            const double value = conditioning.values(i, v);
            sum += value, ++counted;
            low = std::min(low, value), high = std::max(high, value);
        }
        if (counted == 0)
            throw Error(ErrorKind::inconsistent, fmt::format("{}: no analysed sample has a genotype at every "
                                                             "conditioning variant",
                                                             conditioning.origin));
        if (low == high)
            throw Error(ErrorKind::inconsistent,
                        fmt::format("{}: conditioning variant {} is constant ({}) among the {} samples analysed; a "
                                    "constant covariate conditions on nothing (leave it out of --condition-list)",
                                    conditioning.origin, conditioning.ids[v], low, counted));
        const double mean = sum / static_cast<double>(counted);
        double* column = out.covariates.column(cohort.covariates.cols() + v);
        for (std::size_t i = 0; i < n; ++i) column[i] = left_out[i] ? mean : conditioning.values(i, v);
        out.covariate_names.push_back(conditioning.ids[v]);
    }
    log.info(fmt::format("Conditioning on {} variant{} from {}: {} (step 2's covariates; step 1 does not use them)", k,
                         k == 1 ? "" : "s", conditioning.origin, fmt::join(conditioning.ids, ", ")));
    if (dropped)
        log.info(fmt::format("{} samples without a genotype at a conditioning variant are left out of step 2 (a "
                             "missing covariate, as plink2 --condition-list has it)",
                             dropped));
    return out;
}

}  // namespace ridgeway
