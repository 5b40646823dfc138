#include "io/loco_files.hpp"

#include <algorithm>
#include <cstdio>
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

}  // namespace

std::string loco_path(const std::string& out_prefix, std::size_t trait_index, bool gzip) {
    return fmt::format("{}_{}.loco{}", out_prefix, trait_index + 1, gzip_suffix(gzip));
}

std::vector<std::string> write_loco_files(const std::string& out_prefix, const std::vector<SampleId>& samples,
                                          const LocoPredictions& predictions, OutputSet& outputs, bool gzip) {
    std::vector<std::string> temporary_paths;
    std::string list;
    for (std::size_t t = 0; t < predictions.trait_names.size(); ++t) {
        const std::string path = loco_path(out_prefix, t, gzip);
        std::string text = "FID_IID";
        for (const auto& sample : samples) text += " " + joined_id(sample);
        text += "\n";
        const Matrix& values = predictions.values[t];
        for (std::size_t c = 0; c < predictions.chromosomes.size(); ++c) {
            text += std::to_string(predictions.chromosomes[c]);
            for (std::size_t i = 0; i < values.rows(); ++i) text += fmt::format(" {:.10g}", values(i, c));
            text += "\n";
        }
        temporary_paths.push_back(outputs.add(path));
        TextOutput file(temporary_paths.back(), gzip, path);
        file.write(text);
        file.close();
        list += predictions.trait_names[t] + " " + path + "\n";
    }
    const std::string list_path = out_prefix + "_pred.list";
    write_output_file(outputs, list_path, list);
    return temporary_paths;
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

LocoFile read_loco_file(const std::string& path, const std::string& name, const std::vector<SampleId>& samples) {
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
                                                         "run on these samples?",
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
        int chromosome = chromosome_code(fields[0]);
        if (chromosome == 0) throw Error(ErrorKind::malformed, where + ": '" + std::string(fields[0]) + "' is not a chromosome");
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
                                 const std::vector<SampleId>& samples) {
    auto entries = read_pred_list(pred_list);
    std::vector<std::string> paths;
    for (const auto& trait : traits) {
        auto entry = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == trait; });
        if (entry == entries.end())
            throw Error(ErrorKind::inconsistent, fmt::format("{}: no predictions listed for trait {}", pred_list, trait));
        paths.push_back(entry->second);
    }
    return read_predictions(traits, paths, paths, samples);
}

LocoPredictions read_predictions(const std::vector<std::string>& traits, const std::vector<std::string>& paths,
                                 const std::vector<std::string>& names, const std::vector<SampleId>& samples) {
    LocoPredictions predictions;
    predictions.trait_names = traits;
    for (std::size_t t = 0; t < traits.size(); ++t) {
        LocoFile file = read_loco_file(paths[t], names[t], samples);
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
