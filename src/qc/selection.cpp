#include "qc/selection.hpp"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"
#include "core/text_reader.hpp"
#include "io/tables/id_lists.hpp"
#include "samples/sample_matcher.hpp"

namespace ridgeway {

namespace {

constexpr auto npos = static_cast<std::size_t>(-1);

// Marks the genotype samples listed in the files `paths`; IDs absent from the genotype file are counted in the log.
std::vector<bool> listed_samples(const SampleMatcher& matcher, const std::string& paths, const std::string& option,
                                 RunLog& log) {
    std::vector<bool> listed(matcher.samples().size(), false);
    for (const std::string& path : list_files(paths)) {
        auto ids = read_sample_list(path);
        std::size_t unknown = 0;
        for (const auto& id : ids) {
            std::size_t s = matcher.find(id, !id.fid.empty());
            if (s == npos) ++unknown;
            else listed[s] = true;
        }
        log.info(fmt::format("{} {}: {} IDs, {} in the genotype file", option, path, ids.size(), ids.size() - unknown));
    }
    return listed;
}

// The variant IDs listed in the files `paths`.
std::unordered_set<std::string> listed_variants(const std::string& paths) {
    std::unordered_set<std::string> ids;
    for (const std::string& path : list_files(paths)) ids.merge(read_variant_list(path));
    return ids;
}

}  // namespace

std::vector<std::string> list_files(const std::string& paths) {
    std::error_code ignored;
    if (paths.find(',') == std::string::npos || std::filesystem::exists(paths, ignored)) return {paths};
    std::vector<std::string> files;
    for (auto path : split_on(paths, ','))
        if (!path.empty()) files.emplace_back(path);
    return files;
}

std::vector<bool> select_samples(const SampleMatcher& matcher, const SelectionSpec& spec, RunLog& log) {
    const auto& samples = matcher.samples();
    std::vector<bool> selected(samples.size(), true);
    if (!spec.keep.empty()) selected = listed_samples(matcher, spec.keep, "--keep", log);
    if (!spec.remove.empty()) {
        auto removed = listed_samples(matcher, spec.remove, "--remove", log);
        for (std::size_t s = 0; s < samples.size(); ++s) selected[s] = selected[s] && !removed[s];
    }
    auto count = static_cast<std::size_t>(std::count(selected.begin(), selected.end(), true));
    if (!spec.keep.empty() || !spec.remove.empty())
        log.info(fmt::format("{} of {} samples remain after --keep/--remove", count, samples.size()));
    if (count == 0) throw Error(ErrorKind::inconsistent, "no samples remain after --keep/--remove");
    return selected;
}

std::vector<std::size_t> select_variants(const std::vector<Variant>& variants, const SelectionSpec& spec, RunLog& log) {
    std::unordered_set<std::string> extract, exclude;
    if (!spec.extract.empty()) extract = listed_variants(spec.extract);
    if (!spec.exclude.empty()) exclude = listed_variants(spec.exclude);

    std::vector<std::size_t> kept;
    std::size_t outside = 0, not_extracted = 0, excluded = 0;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        const auto& variant = variants[v];
        if (!spec.regions.contains(variant.chrom, variant.pos)) ++outside;
        else if (!spec.extract.empty() && !extract.count(variant.id)) ++not_extracted;
        else if (exclude.count(variant.id)) ++excluded;
        else kept.push_back(v);
    }
    if (!spec.regions.whole_genome()) log.info(fmt::format("{}: {} variants outside the regions left out", spec.regions.text(), outside));
    if (!spec.extract.empty()) log.info(fmt::format("--extract {}: {} variants not listed left out", spec.extract, not_extracted));
    if (!spec.exclude.empty()) log.info(fmt::format("--exclude {}: {} variants left out", spec.exclude, excluded));
    log.info(fmt::format("{} of {} variants selected", kept.size(), variants.size()));
    if (kept.empty()) throw Error(ErrorKind::inconsistent, "no variants remain after --chr/--range/--extract/--exclude");
    return kept;
}

void apply_mind(const GenotypeSource& genotypes, const std::vector<std::size_t>& variants, double mind,
                std::vector<bool>& selected, RunLog& log) {
    std::vector<std::size_t> samples;
    for (std::size_t s = 0; s < selected.size(); ++s)
        if (selected[s]) samples.push_back(s);
    std::vector<std::size_t> missing(samples.size(), 0);
    constexpr std::size_t kBlock = 256;
    GenotypeBlock block;
    Progress progress("--mind: counting missing calls", variants.size());
    for (std::size_t first = 0; first < variants.size(); first += kBlock) {
        std::size_t count = std::min(kBlock, variants.size() - first);
        genotypes.read(std::span(variants).subspan(first, count), samples, block);
        for (std::size_t v = 0; v < count; ++v) {
            const std::int8_t* calls = block.variant(v);
            for (std::size_t i = 0; i < samples.size(); ++i) missing[i] += calls[i] == kMissingCall;
        }
        progress.update(first + count);
    }
    std::size_t dropped = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (static_cast<double>(missing[i]) > mind * static_cast<double>(variants.size())) {
            selected[samples[i]] = false;
            ++dropped;
        }
    }
    log.info(fmt::format("--mind {}: {} samples removed for missing more than {}% of calls", mind, dropped, 100 * mind));
    if (dropped == samples.size()) throw Error(ErrorKind::inconsistent, "--mind removed every sample");
}

}  // namespace ridgeway
