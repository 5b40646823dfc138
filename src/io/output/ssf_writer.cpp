#include <array>
#include <filesystem>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "io/output/assoc_writer.hpp"
#include "io/output/bgzf_table.hpp"
#include "io/output/result_writers.hpp"
#include "io/output/ssf_metadata.hpp"
#include "qc/chromosome.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

// GWAS-SSF numbers chromosomes 1-22, X = 23, Y = 24, MT = 25. PLINK's XY (the pseudo-autosomal regions, at their X
// coordinates) is X. 0 for names without a code, such as unplaced contigs.
int ssf_chromosome(std::string_view name) {
    const int code = chromosome_code(name);  // PLINK's numbering: XY = 25, MT = 26
    return code == 25 ? 23 : code == 26 ? 25 : code;
}

bool is_rsid(std::string_view id) {
    return id.size() > 2 && id.substr(0, 2) == "rs" && id.find_first_not_of("0123456789", 2) == std::string_view::npos;
}

// The GWAS Catalog's summary-statistics format: a bgzipped TSV whose first eight columns are the standard's mandatory
// ones in its order, then the encouraged variant_id, rsid, n (and info for dosages), and for case/control traits
// test, the test behind p_value (SCORE, FIRTH or SPA, as the TSV's TEST column); `#NA` where a value is missing.
// The mandatory columns admit no missing value, so rows without an estimate (an ERRCODE in the TSV layout) are left
// out and counted in the metadata, as are variants on chromosomes the standard has no code for or at position 0.
// The metadata file `<file>-meta.yaml` carries the MD5 of the finished file; a tabix index is built when the rows
// are sorted.
class SsfWriter final : public AssocWriter {
public:
    SsfWriter(const ResultFileSpec& spec, OutputSet& outputs)
        : spec_(spec), final_(spec.out_prefix + "." + spec.trait + ".ssf.tsv.gz"), temporary_(outputs.add(final_)),
          outputs_(outputs), table_(temporary_, final_) {
        table_.rows() = "chromosome\tbase_pair_location\teffect_allele\tother_allele\tbeta\tstandard_error\t"
                        "effect_allele_frequency\tp_value\tvariant_id\trsid\tn";
        table_.rows() += spec.info ? "\tinfo" : "";
        table_.rows() += spec.binary ? "\ttest\n" : "\n";
    }

    void write(const Variant& variant, const AssocResult& result, std::size_t) override {
        if (result.error != ErrorCode::none) {
            ++omitted_[fmt::format("without an estimate ({})", error_code_name(result.error))];
            return;
        }
        const int chromosome = ssf_chromosome(variant.chrom);
        if (chromosome == 0 || variant.pos <= 0) {
            ++omitted_[chromosome == 0 ? "on chromosomes without a GWAS-SSF code" : "without a base-pair position"];
            return;
        }
        track_order(chromosome, variant.pos);
        auto out = std::back_inserter(table_.rows());
        fmt::format_to(out, "{}\t{}\t{}\t{}\t{:.6g}\t{:.6g}\t{:.6g}\t{}\t{}_{}_{}_{}\t{}\t{}", chromosome, variant.pos,
                       variant.allele1, variant.allele2, result.beta, result.se, result.a1_freq,
                       format_p_from_log10(result.log10_p), chromosome, variant.pos, variant.allele2, variant.allele1,
                       is_rsid(variant.id) ? std::string_view(variant.id) : std::string_view("#NA"), result.n);
        if (spec_.info) fmt::format_to(out, "\t{:.6g}", result.info);
        if (spec_.binary) fmt::format_to(out, "\t{}", test_kind_name(result.test));
        table_.rows() += '\n';
        table_.row_added();
    }

    void finish() override {
        table_.close();
        if (indexable_) table_.build_index(outputs_.add(final_ + ".tbi"), 1);  // the header has no '#'
        SsfDataFile file{std::filesystem::path(final_).filename().string(), file_md5(temporary_, final_), sorted_,
                         spec_.info, omitted_};
        write_output_file(outputs_, final_ + "-meta.yaml", ssf_metadata_yaml(spec_, file));
    }

    std::string final_path() const override { return final_; }
    std::string temporary_path() const override { return temporary_; }

private:
    // Sorted: chromosome codes ascending, positions ascending within each. Indexable (tabix): each chromosome in one
    // run, positions ascending within it.
    void track_order(int chromosome, long long position) {
        if (chromosome != last_chromosome_) {
            if (last_chromosome_ != 0) finished_[last_chromosome_] = true;
            if (finished_[chromosome]) indexable_ = false;
            if (chromosome < last_chromosome_) sorted_ = false;
            last_chromosome_ = chromosome;
        } else if (position < last_position_) {
            sorted_ = indexable_ = false;
        }
        last_position_ = position;
    }

    const ResultFileSpec spec_;
    std::string final_, temporary_;
    OutputSet& outputs_;
    BgzfTable table_;
    std::map<std::string, std::size_t> omitted_;
    int last_chromosome_ = 0;
    long long last_position_ = 0;
    std::array<bool, 26> finished_{};
    bool sorted_ = true, indexable_ = true;
};

}  // namespace

std::unique_ptr<AssocWriter> make_ssf_writer(const ResultFileSpec& spec, OutputSet& outputs) {
    return std::make_unique<SsfWriter>(spec, outputs);
}

}  // namespace ridgeway
