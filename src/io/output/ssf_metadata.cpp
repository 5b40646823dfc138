#include "io/output/ssf_metadata.hpp"

#include <htslib/hts.h>

#include <cstdio>
#include <ctime>
#include <iterator>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/version.hpp"

namespace ridgeway {

namespace {

// A double-quoted YAML scalar, so that names such as `yes`, `1e5`, `NA`, `#x` or `a: b` stay strings.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7f) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string utc_date() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

// How to read the columns, and which rows are not in the file.
std::string author_notes(const ResultFileSpec& spec, const SsfDataFile& file) {
    std::string text = spec.analysis.method.empty() ? "" : spec.analysis.method + ". ";
    // What one unit of the coded genotype is (ResultFileSpec::model_test: the genetic model).
    const std::string unit = spec.model_test == std::string("DOM")   ? "of carriers of effect_allele against the others"
                             : spec.model_test == std::string("REC") ? "of effect_allele homozygotes against the others"
                                                                     : "per copy of effect_allele";
    text += spec.binary ? "beta is the log odds ratio " + unit + " (the odds ratio is exp(beta)) and standard_error "
                          "its standard error"
                        : "beta is the change in the trait " + unit;
    text += "; n counts the samples with a call; variant_id takes other_allele as the reference allele; p_value is "
            "exact below 1e-308.";
    if (file.info) text += " info is the imputation quality (MACH R2) among the analysed samples.";
    if (spec.binary)
        text += " test is the test behind p_value: SCORE (the score test), or FIRTH or SPA (the correction named above).";
    if (!file.omitted.empty()) {
        std::vector<std::string> parts;
        for (const auto& [reason, count] : file.omitted) parts.push_back(fmt::format("{} {}", count, reason));
        text += fmt::format(" Rows left out: {}.", fmt::join(parts, ", "));
    }
    return text;
}

void append_list(std::string& yaml, std::string_view key, const std::vector<std::string>& items,
                 std::string_view indent = "") {
    auto out = std::back_inserter(yaml);
    if (items.empty()) {
        fmt::format_to(out, "{}{}: []\n", indent, key);
        return;
    }
    fmt::format_to(out, "{}{}:\n", indent, key);
    for (const auto& item : items) fmt::format_to(out, "{}  - {}\n", indent, item);
}

}  // namespace

std::string file_md5(const std::string& path, const std::string& name) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file) throw Error(ErrorKind::cannot_open, name + ": cannot read the finished file back for its MD5");
    std::unique_ptr<hts_md5_context, void (*)(hts_md5_context*)> md5(hts_md5_init(), hts_md5_destroy);
    if (!md5) throw Error(ErrorKind::resources, name + ": cannot allocate an MD5 context");
    std::vector<char> buffer(std::size_t{1} << 20);
    std::size_t count = 0;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0)
        hts_md5_update(md5.get(), buffer.data(), count);
    if (std::ferror(file.get())) throw Error(ErrorKind::resources, name + ": reading the finished file back failed");
    unsigned char digest[16];
    hts_md5_final(digest, md5.get());
    char hex[33];
    hts_md5_hex(hex, digest);
    return hex;
}

std::string ssf_metadata_yaml(const ResultFileSpec& spec, const SsfDataFile& file) {
    const TraitAnalysis& analysis = spec.analysis;
    std::string yaml;
    auto out = std::back_inserter(yaml);
    fmt::format_to(out,
                   "# GWAS-SSF metadata of {}, written by ridgeway {}.\n"
                   "# NR (not reported) marks what ridgeway cannot know: set it before submitting the file.\n"
                   "date_metadata_last_modified: {}\n"
                   "author_notes: {}\n\n"
                   "# Trait Information\n",
                   file.name, kVersion, utc_date(), quoted(author_notes(spec, file)));
    append_list(yaml, "trait_description", {quoted(spec.trait)});
    yaml += "\n# Genotyping Information\ngenome_assembly: NR\ncoordinate_system: 1-based\n";
    append_list(yaml, "genotyping_technology", {"NR"});
    fmt::format_to(out, "\n# Sample Information\nsamples:\n  - sample_size: {}\n", analysis.sample_size);
    append_list(yaml, "sample_ancestry_category", {"NR"}, "    ");
    fmt::format_to(out, "    case_control_study: {}\n", spec.binary);
    if (spec.binary)
        fmt::format_to(out, "    case_count: {}\n    control_count: {}\n", analysis.case_count, analysis.control_count);
    fmt::format_to(out,
                   "\n# Summary Statistic information\n"
                   "data_file_name: {}\n"
                   "file_type: GWAS-SSF v1.0\n"
                   "data_file_md5sum: {}\n"
                   "analysis_software: {}\n",
                   quoted(file.name), file.md5, quoted(fmt::format("ridgeway {}", kVersion)));
    std::vector<std::string> covariates;
    for (const auto& name : analysis.covariates) covariates.push_back(quoted(name));
    append_list(yaml, "adjusted_covariates", covariates);
    fmt::format_to(out, "\n# Harmonization status\nis_harmonised: false\nis_sorted: {}\n", file.sorted);
    return yaml;
}

}  // namespace ridgeway
