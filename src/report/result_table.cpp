#include "report/result_table.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

constexpr auto npos = static_cast<std::size_t>(-1);
constexpr float kPZero = 324.0f;  // -log10 of a p-value written as 0 (below the double range)

std::size_t find_column(const std::vector<std::string_view>& header, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) {
        auto it = std::find(header.begin(), header.end(), name);
        if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
    }
    return npos;
}

bool ends_with(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trait_from_path(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    for (std::string_view suffix : {".gz", ".zst"})
        if (ends_with(name, suffix)) name.resize(name.size() - suffix.size());
    for (std::string_view suffix : {".linear.tsv", ".logistic.tsv", ".ssf.tsv"})
        if (ends_with(name, suffix)) {
            name.resize(name.size() - suffix.size());
            return name.substr(name.rfind('.') + 1);
        }
    if (ends_with(name, ".regenie")) {
        name.resize(name.size() - 8);
        return name.substr(name.rfind('_') + 1);
    }
    if (auto glm = name.find(".glm."); glm != std::string::npos) {
        name.resize(glm);
        return name.substr(name.rfind('.') + 1);
    }
    return name;
}

// The TEST column of PLINK 2 and regenie holds the variant's effect as ADD, or DOM and REC under the dominant and
// recessive models (other rows are covariates or other terms); ridgeway's names the test behind P, or with several
// terms per variant the term (METHOD the test).
bool is_corrected_test(std::string_view test) { return test == "FIRTH" || test == "SPA"; }
// An interaction model's rows (regenie's and ridgeway's ADD-INT_*) are shown by their joint test, ADD-INT_kDF.
bool is_joint_interaction(std::string_view test) {
    if (!test.starts_with("ADD-INT_") || !test.ends_with("DF")) return false;
    const std::string_view digits = test.substr(8, test.size() - 10);
    return !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
}
bool is_variant_test(std::string_view test) {
    return test == "ADD" || test == "DOM" || test == "REC" || test == "SCORE" || is_corrected_test(test) ||
           is_joint_interaction(test);
}

// Notes a corrected row: its bit, and its correction's name among those of the table.
void mark_corrected(ResultTable& table, std::string_view test) {
    table.corrected.resize(table.size() + 1, false);
    table.corrected.back() = true;
    if (table.correction.find(test) == std::string::npos)
        table.correction += (table.correction.empty() ? "" : "/") + std::string(test);
}

// The fields of one line, split on runs of spaces and tabs, into a reused vector.
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) fields.push_back(line.substr(start, i - start));
    }
}

// Chromosome indices in order of first appearance become indices in genome order.
void sort_chromosomes(ResultTable& table) {
    const std::size_t k = table.chromosome_names.size();
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    auto key = [&](std::size_t c) {
        const int code = chromosome_code(table.chromosome_names[c]);
        return std::make_pair(code == 0 ? 1000 : code, table.chromosome_names[c]);
    };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::vector<std::uint8_t> rank(k);
    std::vector<std::string> names(k);
    for (std::size_t r = 0; r < k; ++r) {
        rank[order[r]] = static_cast<std::uint8_t>(r);
        names[r] = table.chromosome_names[order[r]];
    }
    for (auto& c : table.chromosome) c = rank[c];
    table.chromosome_names = std::move(names);
}

}  // namespace

ResultTable read_result_table(const std::string& path, const std::string& trait, std::size_t max_rows) {
    TextReader reader(path);
    ResultTable table;
    table.path = path;
    table.trait = trait.empty() ? trait_from_path(path) : trait;
    std::string line;
    if (!reader.next_line(line)) throw Error(ErrorKind::malformed, path + ": the file is empty");
    std::string header_line = line;
    if (!header_line.empty() && header_line[0] == '#') header_line.erase(0, 1);
    std::vector<std::string_view> header;
    split_fields(header_line, header);
    const std::size_t chrom = find_column(header, {"CHROM", "CHR", "chromosome"});
    const std::size_t pos = find_column(header, {"POS", "GENPOS", "BP", "base_pair_location"});
    const std::size_t id = find_column(header, {"ID", "SNP", "variant_id"}), test = find_column(header, {"TEST", "test"});
    const std::size_t extra = find_column(header, {"EXTRA"});  // regenie's layout; may be left off a row
    const std::size_t log10p = find_column(header, {"LOG10P", "neg_log_10_p_value"}), p = find_column(header, {"P", "p_value"});
    if (chrom == npos || pos == npos || id == npos || (log10p == npos && p == npos))
        throw Error(ErrorKind::malformed,
                    reader.where("expected a header with CHROM, POS (or GENPOS), ID and LOG10P or P (an association "
                                 "result of ridgeway, regenie or PLINK 2)"));
    const std::size_t needed = std::max({chrom, pos, id, test == npos ? 0 : test, log10p == npos ? p : log10p}) + 1;

    std::unordered_map<std::string, std::uint8_t> chromosome_index;
    std::string last_chromosome;
    std::uint8_t last_index = 0;
    std::vector<std::string_view> fields;
    while (reader.next_line(line)) {
        split_fields(line, fields);
        if (fields.empty()) continue;
        if (fields.size() < needed)
            throw Error(ErrorKind::malformed, reader.where(fmt::format("expected at least {} fields, found {}", needed, fields.size())));
        if (test != npos && !is_variant_test(fields[test])) continue;  // PLINK 2 without hide-covar: covariate rows
        const std::string_view value = fields[log10p == npos ? p : log10p];
        if (value == "NA" || value == "nan" || value == "#NA") {
            ++table.without_p;
            continue;
        }
        float minus_log10 = 0;
        auto number = parse_double(value);
        if (!number || (log10p == npos && (*number < 0 || *number > 1)) || (log10p != npos && *number < 0))
            throw Error(ErrorKind::malformed, reader.where(fmt::format("'{}' is not a {}", value, log10p == npos ? "p-value" : "LOG10P value")));
        if (log10p != npos) minus_log10 = static_cast<float>(*number);
        else minus_log10 = *number > 0 ? static_cast<float>(-std::log10(*number)) : kPZero;
        auto position = parse_integer(fields[pos]);
        if (!position || *position < 0 || *position > 0xffffffffLL)
            throw Error(ErrorKind::malformed, reader.where(fmt::format("'{}' is not a base-pair position", fields[pos])));
        if (fields[chrom] != last_chromosome) {
            last_chromosome = std::string(fields[chrom]);
            auto [it, added] = chromosome_index.emplace(last_chromosome, static_cast<std::uint8_t>(chromosome_index.size()));
            if (added) {
                if (chromosome_index.size() > 255)
                    throw Error(ErrorKind::malformed, reader.where("more than 255 distinct chromosome names"));
                table.chromosome_names.push_back(last_chromosome);
            }
            last_index = it->second;
        }
        if (table.size() == max_rows)
            throw Error(ErrorKind::resources,
                        reader.where(fmt::format("more rows than --memory leaves room for ({} rows at {} bytes each); "
                                                 "raise --memory",
                                                 max_rows, kBytesPerResultRow)));
        if (minus_log10 >= kNotableMinusLog10P) table.notable_ids.emplace_back(table.size(), std::string(fields[id]));
        if (test != npos && is_corrected_test(fields[test])) mark_corrected(table, fields[test]);
        else if (extra < fields.size() && is_corrected_test(fields[extra])) mark_corrected(table, fields[extra]);
        table.chromosome.push_back(last_index);
        table.position.push_back(static_cast<std::uint32_t>(*position));
        table.minus_log10_p.push_back(minus_log10);
    }
    if (!table.corrected.empty()) table.corrected.resize(table.size(), false);
    sort_chromosomes(table);
    return table;
}

}  // namespace ridgeway
