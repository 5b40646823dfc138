#include "io/loco_files.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/text_output.hpp"
#include "core/text_reader.hpp"
#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

std::string joined_id(const SampleId& id) { return id.fid + "_" + id.iid; }

// A prediction file's text: the FID_IID header, then one line per column of `values` (cohort rows x columns),
// starting with its chromosome code.
std::string prediction_text(const std::vector<SampleId>& samples, const std::vector<int>& chromosomes,
                            const double* values) {
    std::string text = "FID_IID";
    for (const auto& sample : samples) text += " " + joined_id(sample);
    text += "\n";
    for (std::size_t c = 0; c < chromosomes.size(); ++c) {
        text += std::to_string(chromosomes[c]);
        const double* column = values + c * samples.size();
        for (std::size_t i = 0; i < samples.size(); ++i) text += fmt::format(" {:.10g}", column[i]);
        text += "\n";
    }
    return text;
}

// One file per trait (`path_of(t)`, text `text_of(t)`) and their list "TRAIT PATH" at `list_path`; returns the
// files' temporary paths.
std::vector<std::string> write_prediction_set(const std::vector<std::string>& traits,
                                              const std::function<std::string(std::size_t)>& path_of,
                                              const std::function<std::string(std::size_t)>& text_of,
                                              const std::string& list_path, OutputSet& outputs, bool gzip) {
    std::vector<std::string> temporary_paths;
    std::string list;
    for (std::size_t t = 0; t < traits.size(); ++t) {
        const std::string path = path_of(t);
        temporary_paths.push_back(outputs.add(path));
        TextOutput file(temporary_paths.back(), gzip, path);
        file.write(text_of(t));
        file.close();
        list += traits[t] + " " + path + "\n";
    }
    write_output_file(outputs, list_path, list);
    return temporary_paths;
}

}  // namespace

std::string loco_path(const std::string& out_prefix, std::size_t trait_index, bool gzip) {
    return fmt::format("{}_{}.loco{}", out_prefix, trait_index + 1, gzip_suffix(gzip));
}

std::string prs_path(const std::string& out_prefix, std::size_t trait_index, bool gzip) {
    return fmt::format("{}_{}.prs{}", out_prefix, trait_index + 1, gzip_suffix(gzip));
}

std::vector<std::string> write_loco_files(const std::string& out_prefix, const std::vector<SampleId>& samples,
                                          const LocoPredictions& predictions, OutputSet& outputs, bool gzip) {
    return write_prediction_set(
        predictions.trait_names, [&](std::size_t t) { return loco_path(out_prefix, t, gzip); },
        [&](std::size_t t) { return prediction_text(samples, predictions.chromosomes, predictions.values[t].data()); },
        out_prefix + "_pred.list", outputs, gzip);
}

void write_prs_files(const std::string& out_prefix, const std::vector<SampleId>& samples,
                     const LocoPredictions& predictions, OutputSet& outputs, bool gzip) {
    write_prediction_set(
        predictions.trait_names, [&](std::size_t t) { return prs_path(out_prefix, t, gzip); },
        [&](std::size_t t) {
            return prediction_text(samples, {kWholeGenomeRow}, predictions.whole_genome[t].data());
        },
        out_prefix + "_prs.list", outputs, gzip);
}

std::vector<std::pair<std::string, std::string>> read_pred_list(const std::string& path) {
    TextReader reader(path);
    std::vector<std::pair<std::string, std::string>> entries;
    std::string line;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (fields.empty()) continue;
        if (fields.size() != 2) throw Error(ErrorKind::malformed, reader.where("expected 'TRAIT PATH'"));
        entries.emplace_back(std::string(fields[0]), std::string(fields[1]));
    }
    return entries;
}

LocoFile read_loco_file(const std::string& path, const std::string& name, const std::vector<SampleId>& samples,
                        PredictionRows kind) {
    TextReader reader(path);
    std::string line;
    if (!reader.next_line(line)) throw Error(ErrorKind::malformed, name + ": the file is empty");
    auto header = split_whitespace(line);
    if (header.empty() || header[0] != "FID_IID")
        throw Error(ErrorKind::malformed, name + ", line 1: expected a header starting FID_IID (regenie's .loco layout)");
    std::unordered_map<std::string, std::size_t> column_of;
    for (std::size_t k = 1; k < header.size(); ++k) column_of.emplace(std::string(header[k]), k - 1);
    std::vector<std::size_t> columns;
    std::vector<std::string> absent;
    std::size_t absent_count = 0;
    for (const auto& sample : samples) {
        auto it = column_of.find(joined_id(sample));
        if (it == column_of.end()) {
            if (absent.size() < 5) absent.push_back(joined_id(sample));
            ++absent_count;
            columns.push_back(0);
        } else {
            columns.push_back(it->second);
        }
    }
    if (absent_count > 0)
        throw Error(ErrorKind::inconsistent, fmt::format("{}: {} analysed samples have no prediction (e.g. {}); was step 1 "
                                                         "run on these samples (a step 1 with --strict needs --strict here too)?",
                                                         name, absent_count, fmt::join(absent, ", ")));
    LocoFile file;
    std::vector<std::vector<double>> rows;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (fields.empty()) continue;
        const std::string where = file_position(name, reader.line_number());
        if (fields.size() != header.size())
            throw Error(ErrorKind::malformed, fmt::format("{}: expected {} fields as in the header, found {}", where,
                                                          header.size(), fields.size()));
        const bool whole_genome_row = fields[0] == std::to_string(kWholeGenomeRow);
        if (whole_genome_row && kind == PredictionRows::loco)
            throw Error(ErrorKind::malformed, where + ": row 0 is a whole-genome prediction (a .prs file of --print-prs); "
                                                      "read such files with --use-prs");
        if (!whole_genome_row && kind == PredictionRows::whole_genome)
            throw Error(ErrorKind::malformed, where + ": expected the whole-genome row 0 of a .prs file (--use-prs reads "
                                                      "the files of --print-prs, not .loco files)");
        const int chromosome = whole_genome_row ? kWholeGenomeRow : chromosome_code(fields[0]);
        if (!whole_genome_row && chromosome == 0)
            throw Error(ErrorKind::malformed, where + ": '" + std::string(fields[0]) + "' is not a chromosome");
        if (std::find(file.chromosomes.begin(), file.chromosomes.end(), chromosome) != file.chromosomes.end())
            throw Error(ErrorKind::malformed, fmt::format("{}: chromosome {} appears twice", where, chromosome));
        std::vector<double> values(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i) {
            // regenie writes NA for samples without the trait; they then take no part in that trait's tests.
            if (fields[columns[i] + 1] == "NA") {
                values[i] = std::numeric_limits<double>::quiet_NaN();
                continue;
            }
            auto value = parse_double(fields[columns[i] + 1]);
            if (!value)
                throw Error(ErrorKind::malformed, fmt::format("{}: '{}' for {} is not a number", where,
                                                              fields[columns[i] + 1], joined_id(samples[i])));
            values[i] = *value;
        }
        file.chromosomes.push_back(chromosome);
        rows.push_back(std::move(values));
    }
    if (rows.empty()) throw Error(ErrorKind::malformed, name + ": no chromosome lines after the header");
    file.values = Matrix(samples.size(), rows.size());
    for (std::size_t c = 0; c < rows.size(); ++c)
        for (std::size_t i = 0; i < samples.size(); ++i) file.values(i, c) = rows[c][i];
    return file;
}

LocoPredictions read_predictions(const std::string& pred_list, const std::vector<std::string>& traits,
                                 const std::vector<SampleId>& samples, PredictionRows rows) {
    auto entries = read_pred_list(pred_list);
    std::vector<std::string> paths;
    for (const auto& trait : traits) {
        auto entry = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == trait; });
        if (entry == entries.end())
            throw Error(ErrorKind::inconsistent, fmt::format("{}: no predictions listed for trait {}", pred_list, trait));
        paths.push_back(entry->second);
    }
    return read_predictions(traits, paths, paths, samples, rows);
}

LocoPredictions read_predictions(const std::vector<std::string>& traits, const std::vector<std::string>& paths,
                                 const std::vector<std::string>& names, const std::vector<SampleId>& samples,
                                 PredictionRows rows) {
    LocoPredictions predictions;
    predictions.trait_names = traits;
    for (std::size_t t = 0; t < traits.size(); ++t) {
        LocoFile file = read_loco_file(paths[t], names[t], samples, rows);
        if (predictions.chromosomes.empty()) predictions.chromosomes = file.chromosomes;
        // Columns in the first file's chromosome order.
        Matrix aligned(samples.size(), predictions.chromosomes.size());
        for (std::size_t c = 0; c < predictions.chromosomes.size(); ++c) {
            auto at = std::find(file.chromosomes.begin(), file.chromosomes.end(), predictions.chromosomes[c]);
            if (at == file.chromosomes.end() || file.chromosomes.size() != predictions.chromosomes.size())
                throw Error(ErrorKind::inconsistent, names[t] + ": its chromosomes differ from the other traits' files");
            const std::size_t from = static_cast<std::size_t>(at - file.chromosomes.begin());
            std::copy(file.values.column(from), file.values.column(from) + samples.size(), aligned.column(c));
        }
        predictions.values.push_back(std::move(aligned));
    }
    return predictions;
}

}  // namespace ridgeway
