#include "cli/conditioning_inputs.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/bgen/bgen_source.hpp"
#include "io/pgen/pgen_source.hpp"
#include "io/plink1/bed_source.hpp"
#include "io/tables/id_lists.hpp"
#include "io/vcf/vcf_source.hpp"
#include "samples/conditioning.hpp"
#include "samples/sample_matcher.hpp"

namespace ridgeway {

namespace {

constexpr auto npos = static_cast<std::size_t>(-1);

// --condition-file FORMAT,FILE, as regenie writes it.
struct ConditionFile {
    std::string format;  // bed, pgen, bgen, vcf or bcf
    std::string path;    // a prefix for bed and pgen
};

ConditionFile condition_file(const ParsedOptions& options) {
    const std::string text = options.text("--condition-file");
    const std::size_t comma = text.find(',');
    ConditionFile file{text.substr(0, comma == std::string::npos ? 0 : comma),
                       comma == std::string::npos ? "" : text.substr(comma + 1)};
    for (const char* format : {"bed", "pgen", "bgen", "vcf", "bcf"})
        if (file.format == format && !file.path.empty()) return file;
    throw Error(ErrorKind::usage, fmt::format("--condition-file {}: expected FORMAT,FILE with FORMAT bed, pgen, bgen, "
                                              "vcf or bcf (bed,PREFIX; pgen,PREFIX; bgen,FILE.bgen; vcf,FILE.vcf.gz)",
                                              text));
}

void check_options(const ParsedOptions& options) {
    if (!options.has("--condition-list") && (options.has("--condition-file") || options.has("--condition-file-sample")))
        throw Error(ErrorKind::usage, "--condition-file and --condition-file-sample need --condition-list, the IDs of "
                                      "the variants to condition on");
    if (options.has("--condition-file-sample") &&
        (!options.has("--condition-file") || condition_file(options).format != "bgen"))
        throw Error(ErrorKind::usage, "--condition-file-sample is the Oxford .sample file of a --condition-file bgen,FILE");
}

// The whole file, multiallelic variants left out, VCF/BCF dosages where the records have them.
std::unique_ptr<GenotypeSource> open_condition_file(const ConditionFile& file, const std::string& sample_path) {
    if (file.format == "bed") return std::make_unique<BedSource>(file.path);
    if (file.format == "pgen") return std::make_unique<PgenSource>(file.path, Multiallelic::skip);
    if (file.format == "bgen") return std::make_unique<BgenSource>(file.path, sample_path, false);
    return std::make_unique<VcfSource>(VcfSettings{file.path, VcfField::automatic, '\0', 0, GenomicRegions(),
                                                   Multiallelic::skip});
}

// For each cohort sample, its index among the condition file's samples (npos when absent), matched by FID and IID
// when both files hold family IDs, else by IID.
std::vector<std::size_t> matched_rows(const StudyInputs& inputs, const GenotypeSource& other, const std::string& path,
                                      RunLog& log) {
    const SampleMatcher matcher(other);
    std::vector<std::size_t> rows;
    std::size_t absent = 0;
    for (std::size_t s : inputs.cohort.sample_indices) {
        rows.push_back(matcher.find(inputs.genotypes->samples()[s], inputs.genotypes->has_family_ids()));
        absent += rows.back() == npos;
    }
    if (absent == rows.size())
        throw Error(ErrorKind::inconsistent, fmt::format("--condition-file {}: none of the {} analysed samples is in "
                                                         "the file (samples are matched by ID)",
                                                         path, rows.size()));
    if (absent)
        log.warn(fmt::format("{} of the {} analysed samples are not in --condition-file {}: their conditioning "
                             "genotypes are missing",
                             absent, rows.size(), path));
    return rows;
}

// The analysed variants whose ID is a conditioning variant's, increasing.
std::vector<std::size_t> variants_named(const StudyInputs& inputs, const std::vector<std::string>& ids) {
    const std::unordered_set<std::string> wanted(ids.begin(), ids.end());
    std::vector<std::size_t> named;
    for (std::size_t index : inputs.variants)
        if (wanted.count(inputs.genotypes->variants()[index].id)) named.push_back(index);
    std::sort(named.begin(), named.end());
    return named;
}

}  // namespace

std::optional<Step2Conditioning> load_conditioning(const ParsedOptions& options, const StudyInputs& inputs,
                                                   RunLog& log) {
    check_options(options);
    if (!options.has("--condition-list")) return std::nullopt;
    const std::string list_path = options.text("--condition-list");
    const std::vector<ListedVariant> listed = read_ordered_variant_list(list_path, "--condition-list");
    ConditioningVariants conditioning;
    for (const ListedVariant& entry : listed) conditioning.ids.push_back(entry.id);
    if (options.has("--condition-file")) {
        const ConditionFile file = condition_file(options);
        const auto other = open_condition_file(file, options.text("--condition-file-sample"));
        std::vector<std::size_t> everything(other->variants().size());
        std::iota(everything.begin(), everything.end(), std::size_t{0});
        const auto found = find_listed_variants(listed, list_path, *other, everything,
                                                fmt::format("the variants of --condition-file {}", file.path));
        conditioning.values = read_conditioning_values(*other, found, matched_rows(inputs, *other, file.path, log));
        conditioning.origin = fmt::format("{} (--condition-list {})", other->describe(), list_path);
    } else {
        const auto found = find_listed_variants(listed, list_path, *inputs.genotypes, inputs.variants,
                                                "the analysed variants (the genotypes' after --extract, --exclude, "
                                                "--chr and --range; --condition-file reads another file)");
        conditioning.values = read_conditioning_values(*inputs.genotypes, found, inputs.cohort.sample_indices);
        conditioning.origin = fmt::format("the analysed genotypes (--condition-list {})", list_path);
    }
    Step2Conditioning step2{conditioned_cohort(inputs.cohort, conditioning, log),
                            variants_named(inputs, conditioning.ids)};
    if (!step2.variants.empty())
        log.info(fmt::format("{} analysed variant{} carrying a conditioning variant's ID get{} ERRCODE "
                             "CONDITIONING_VARIANT, untested",
                             step2.variants.size(), step2.variants.size() == 1 ? "" : "s",
                             step2.variants.size() == 1 ? "s" : ""));
    return step2;
}

std::vector<std::string> conditioning_files(const ParsedOptions& options) {
    std::vector<std::string> files;
    if (options.has("--condition-list")) files.push_back(options.text("--condition-list"));
    if (options.has("--condition-file-sample")) files.push_back(options.text("--condition-file-sample"));
    if (!options.has("--condition-file")) return files;
    const ConditionFile file = condition_file(options);
    if (file.format == "bed")
        for (const char* extension : {".bed", ".bim", ".fam"}) files.push_back(file.path + extension);
    else if (file.format == "pgen")
        for (const std::string& path : {file.path + ".pgen", file.path + ".psam", pvar_path(file.path)})
            files.push_back(path);
    else
        files.push_back(file.path);
    return files;
}

}  // namespace ridgeway
