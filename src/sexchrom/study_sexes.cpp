#include "sexchrom/study_sexes.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/tables/sample_table.hpp"
#include "samples/sample_matcher.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

std::array<std::size_t, 3> count_sexes(const std::vector<Sex>& sexes) {
    std::array<std::size_t, 3> counts{};
    for (Sex sex : sexes) ++counts[static_cast<std::size_t>(sex)];
    return counts;
}

}  // namespace

SampleSexes sample_sexes(const GenotypeSource& genotypes, const SampleMatcher& matcher, const std::string& path,
                         const std::string& column, RunLog& log) {
    SampleSexes out;
    if (column.empty()) {
        out.sexes = genotypes.sexes();
        out.origin = genotypes.describe();
    } else {
        const SampleTable table = read_sample_table(path);
        const std::size_t c = table.column_index(column);
        if (c == npos)
            throw Error(ErrorKind::inconsistent, fmt::format("{}: no column '{}' (--sex-col)", table.path, column));
        const std::vector<std::size_t> row_of = matcher.match(table, log);
        out.sexes.assign(row_of.size(), Sex::unknown);
        for (std::size_t s = 0; s < row_of.size(); ++s) {
            if (row_of[s] == npos) continue;
            const std::string& cell = table.cells[row_of[s]][c];
            const auto sex = parse_sex(cell);
            if (!sex)
                throw Error(ErrorKind::malformed,
                            fmt::format("{}, line {}, column {}: sex '{}' is not 1/2, M/F, male/female or 0/-9/NA",
                                        table.path, table.line_numbers[row_of[s]], column, cell));
            out.sexes[s] = *sex;
        }
        out.origin = fmt::format("{}, column {}", table.path, column);
    }
    if (!out.sexes.empty()) {
        const auto counts = count_sexes(out.sexes);
        log.info(fmt::format("Sex from {}: {} male, {} female, {} unknown", out.origin, counts[1], counts[2], counts[0]));
    }
    return out;
}

void keep_one_sex(Sex kept, const SampleSexes& sexes, std::vector<bool>& selected, RunLog& log) {
    const std::size_t before = static_cast<std::size_t>(std::count(selected.begin(), selected.end(), true));
    for (std::size_t s = 0; s < selected.size(); ++s)
        if (sexes.sexes.empty() || sexes.sexes[s] != kept) selected[s] = false;
    const std::size_t after = static_cast<std::size_t>(std::count(selected.begin(), selected.end(), true));
    if (after == 0)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("--sex-specific {}: no {} sample among the {} selected{}", sex_name(kept),
                                sex_name(kept), before,
                                sexes.sexes.empty() ? " (no sex given: use a .fam/.psam/.sample with sex, or --sex-col)"
                                                    : " (sex from " + sexes.origin + ")"));
    log.info(fmt::format("--sex-specific {}: {} of {} samples kept", sex_name(kept), after, before));
}

void drop_untested_chromosomes(const SexChromosomes& rules, std::vector<std::size_t>& variants, RunLog& log) {
    std::size_t y = 0, mt = 0, x = 0;
    const bool skip_x = rules.settings().xchr_model == 0;
    std::erase_if(variants, [&](std::size_t v) {
        switch (rules.variant_class(v)) {
            case ChromosomeClass::y: return ++y, true;
            case ChromosomeClass::mt: return ++mt, true;
            case ChromosomeClass::x_nonpar: return skip_x && (++x, true);
            default: return false;
        }
    });
    if (y) log.info(fmt::format("Chromosome Y: {} variants left out (ridgeway tests the autosomes and X)", y));
    if (mt) log.info(fmt::format("Chromosome MT: {} variants left out (ridgeway tests the autosomes and X)", mt));
    if (x) log.info(fmt::format("--xchr-model 0: {} non-PAR chromosome X variants left out", x));
}

void check_x_calls(const GenotypeSource& genotypes, const SexChromosomes& rules,
                   const std::vector<std::size_t>& variants, const std::vector<std::size_t>& samples, RunLog& log) {
    std::vector<std::size_t> x;
    for (std::size_t v : variants)
        if (rules.variant_class(v) == ChromosomeClass::x_nonpar) x.push_back(v);
    if (x.empty()) return;
    std::size_t unknown = 0;
    for (std::size_t s : samples) unknown += rules.sex(s) == Sex::unknown;
    if (unknown == samples.size())
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{} non-PAR chromosome X variants (--par-region {}) but no sample's sex is known: give "
                                "sex in the .fam/.psam/.sample or with --sex-col, or leave X out with --xchr-model 0",
                                x.size(), rules.settings().par.name));
    std::vector<std::uint32_t> inconsistent(samples.size(), 0);
    GenotypeBlock block;
    constexpr std::size_t kBlock = 256;
    for (std::size_t first = 0; first < x.size(); first += kBlock) {
        const std::span<const std::size_t> part(x.data() + first, std::min(kBlock, x.size() - first));
        genotypes.read(part, samples, block);
        for (std::size_t v = 0; v < part.size(); ++v)
            rules.code_variant(block, v, ChromosomeClass::x_nonpar, samples, inconsistent.data());
    }
    std::size_t total = 0, flagged = 0;
    std::string named;
    for (std::size_t j = 0; j < samples.size(); ++j) {
        total += inconsistent[j];
        if (inconsistent[j] * 100 <= x.size()) continue;
        if (++flagged <= 10)
            named += fmt::format("{}{} ({}, {} of {})", named.empty() ? "" : ", ", genotypes.samples()[samples[j]].iid,
                                 sex_name(rules.sex(samples[j])), inconsistent[j], x.size());
    }
    log.info(fmt::format("Chromosome X: {} non-PAR variants (--par-region {}, --xchr-model {}: males coded 0/{}); {} "
                         "samples of unknown sex left out of their tests; {} calls contradicting the sample's sex "
                         "(heterozygous male, haploid female) set missing",
                         x.size(), rules.settings().par.name, rules.settings().xchr_model,
                         rules.settings().xchr_model == 1 ? 1 : 2, unknown, total));
    if (flagged)
        log.warn(fmt::format("{} samples have more than 1% of their non-PAR X calls contradicting their sex (a sex "
                             "mismatch?): {}{}",
                             flagged, named, flagged > 10 ? fmt::format(" and {} more", flagged - 10) : ""));
}

}  // namespace ridgeway
