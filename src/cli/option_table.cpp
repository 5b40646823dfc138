#include "cli/option_table.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/regenie_names.hpp"
#include "cli/unknown_options.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

namespace {

const std::vector<std::string> kInputs{"assoc", "step1", "gwas"};
const std::vector<std::string> kStep2{"assoc", "gwas"};
const std::vector<std::string> kStep1{"step1", "gwas"};
const std::vector<std::string> kBlocks{"step1", "gwas", "assoc"};
const std::vector<std::string> kRegenieSteps{"step1", "assoc"};
const std::vector<std::string> kPredict{"predict"};
const std::vector<std::string> kData{"assoc", "step1", "gwas", "predict"};
const std::vector<std::string> kFolds{"step1", "gwas", "predict"};
const std::vector<std::string> kPrecision{"step1", "gwas", "predict"};
const std::vector<std::string> kAssoc{"assoc"};
const std::vector<std::string> kSimulate{"simulate"};
const std::vector<std::string> kPlot{"plot"};
const std::vector<std::string> kReport{"assoc", "gwas", "plot"};
const std::vector<std::string> kBudget{"assoc", "step1", "gwas", "plot", "simulate", "predict"};
const std::vector<std::string> kSeeded{"simulate", "predict"};
const std::vector<std::string> kAll{"assoc", "step1", "gwas", "simulate", "plot", "predict"};

}  // namespace

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> commands{
        {"gwas", "step 1 then step 2: whole-genome ridge regression, then association tests conditioned on it"},
        {"step1", "whole-genome ridge regression: leave-one-chromosome-out predictions (regenie's .loco layout)"},
        {"assoc", "per-variant linear association tests (as plink2 --glm), optionally conditioned on --pred"},
        {"simulate", "write a simulated cohort (PLINK 1 files, traits, covariates, truth)"},
        {"predict", "genomic prediction of every trait at once by ridge or Gaussian-kernel ridge regression, or a saved model applied to new genotypes"},
        {"plot", "Manhattan and QQ plots, top loci and an HTML report from result files of ridgeway, regenie or PLINK 2"},
    };
    return commands;
}

const std::vector<OptionSpec>& option_table() {
    static const std::vector<OptionSpec> options{
        {"--bfile", "PREFIX", "", "PLINK 1 genotypes PREFIX.bed/.bim/.fam", kData},
        {"--pfile", "PREFIX", "", "PLINK 2 genotypes PREFIX.pgen/.pvar (or .pvar.zst)/.psam, hard calls or dosages; ALT is the counted allele", kData},
        {"--multiallelic", "split|skip", "skip", "--pfile, --vcf, --bcf: variants with several ALT alleles are left out (and counted in the log), or split into one biallelic variant per ALT allele (same ID, that ALT counted against all other alleles)", kData},
        {"--vcf", "FILE", "", "genotypes from a VCF (.vcf, .vcf.gz); sample IDs become IIDs with FID 0 unless --id-delim splits them", kData},
        {"--bcf", "FILE", "", "genotypes from a BCF", kData},
        {"--dosage", "DS|GP|GT", "DS when present", "--vcf/--bcf: the FORMAT field read: dosage (DS), genotype probabilities (GP) or hard calls (GT)", kData},
        {"--id-delim", "C", "", "--vcf/--bcf: split each sample ID at the character C into FID and IID, as PLINK 2 does", kData},
        {"--bgen", "FILE", "", "genotypes from a BGEN v1.2/v1.3 file (layout 2); a FILE.bgi index is used when present", kData},
        {"--sample", "FILE", "", "--bgen: the Oxford .sample file (default: the sample IDs stored in the BGEN)", kData},
        {"--bgi", "FILE", "FILE.bgi", "--bgen: its bgenix index (by default FILE.bgi is used when it exists)", kData},
        {"--ref-first", "", "", "--bgen: the first allele is REF and the second is counted (default: the last allele is REF)", kData},
        {"--pheno", "FILE", "", "trait table: header FID IID (or #FID IID, or #IID), then one column per trait", kData},
        {"--pheno-name", "LIST", "all columns", "traits to analyse: comma-separated, ranges such as T1-T5 or T{1:5} allowed; repeatable", kData},
        {"--covar", "FILE", "", "covariate table, same layout; non-numeric columns become indicator columns", kData},
        {"--covar-name", "LIST", "all columns", "covariates to use: comma-separated, ranges such as PC1-PC10 or PC{1:10} allowed; repeatable; without --covar they are read from --pheno (and are then no traits)", kData},
        {"--cat-covar-name", "LIST", "", "covariates fitted as categorical (an indicator per level but the first), numeric or not; added to --covar-name's", kData},
        {"--max-cat-levels", "N", "10", "a categorical covariate with more levels than N is an error", kData},
        {"--no-input-missing-phenotype", "", "", "read -9 as a value, not as missing (NA is always missing)", kData},
        {"--step", "1|2", "", "regenie's form of step1 (--step 1) and assoc (--step 2), also without the command (ridgeway --step 1 ...), with regenie's defaults: --format regenie, --mac 5 (step 2) and, with --bt, --1 unless --cc12", kRegenieSteps},
        {"--bt", "", "", "the traits are case/control: logistic models in step 1 and step 2", kInputs},
        {"--qt", "", "", "the traits are quantitative (the default; accepted for regenie command lines)", kInputs},
        {"--1", "", "", "case/control traits are coded 0 = control, 1 = case (default: 1 = control, 2 = case, 0 missing)", kInputs},
        {"--cc12", "", "", "case/control traits are coded 1 = control, 2 = case (the default; accepted for regenie command lines)", kInputs},
        {"--min-case-count", "N", "10", "skip case/control traits with fewer than N cases or fewer than N controls", kInputs},
        {"--force-qt", "", "", "analyse quantitative traits with at most two distinct values among their samples without the warning that suggests --bt (regenie stops on such traits unless --force-qt)", kInputs},
        {"--strict", "", "", "leave out every sample missing a value of any selected trait, so that all traits share one sample set (as regenie's --strict: give it to step 1 and step 2 alike)", kInputs},
        {"--keep", "FILE", "", "analyse only the samples listed (FID IID, or IID, per line); several files comma-separated", kData},
        {"--remove", "FILE", "", "leave out the samples listed; several files comma-separated", kData},
        {"--extract", "FILE", "", "analyse only the variant IDs listed (one per line); several files comma-separated", kData},
        {"--exclude", "FILE", "", "leave out the variant IDs listed; several files comma-separated", kData},
        {"--chr", "LIST", "all", "chromosomes to analyse, e.g. 1-22,X; repeatable; an indexed VCF/BCF (.tbi/.csi) or BGEN (.bgi) is read only there", kData},
        {"--range", "CHR:START-END", "", "analyse only the variants at positions START to END (1-based, both included) of CHR; several comma-separated, CHR:START- to the end of CHR; with --chr, only the ranges on its chromosomes; an indexed VCF/BCF (.tbi/.csi) or BGEN (.bgi) is read only there", kData},
        {"--maf", "F", "0", "leave out variants with minor allele frequency below F", kStep2},
        {"--mac", "N", "0 (5 with --step)", "leave out variants with minor allele count below N", kStep2},
        {"--geno", "F", "1", "leave out variants with more than a fraction F of calls missing", kStep2},
        {"--minINFO", "F", "0", "dosage genotypes: leave out variants with imputation quality (MACH R2 over the analysed samples) below F", kStep2},
        {"--mind", "F", "1", "leave out samples with more than a fraction F of calls missing", kData},
        {"--sex-col", "NAME", "", "each sample's sex from column NAME of the covariate table (of --pheno without --covar): 1/2, M/F, male/female; 0, -9, NA unknown. Default: the .fam, .psam or .sample sex", kInputs},
        {"--sex-specific", "male|female", "", "analyse the samples of one sex only", kInputs},
        {"--par-region", "hg38|hg19|RANGES", "hg38", "chromosome X's pseudo-autosomal regions, tested as autosomes (or ranges such as X:10001-2781479,X:155701383-156030895); XY-, PAR1- and PAR2-coded variants are pseudo-autosomal wherever they lie", kInputs},
        {"--xchr-model", "0|1|2", "2", "non-PAR chromosome X: males coded 0/2 (2), 0/1 (1), or X left out (0); step 2 adds sex as a covariate and leaves out samples of unknown sex", kInputs},
        {"--condition-list", "FILE", "", "conditional analysis: the variant IDs listed (one per line) become covariates of step 2 (not of step 1), their genotypes (dosages where the file has them) from the analysed variants or from --condition-file; samples without a genotype at one of them are left out of step 2, as plink2 --condition-list does; the conditioning variants' own rows get ERRCODE CONDITIONING_VARIANT", kStep2},
        {"--condition-file", "FORMAT,FILE", "", "--condition-list's variants from another genotype file (FORMAT bed or pgen with a PREFIX, bgen, vcf or bcf with a FILE), its samples matched to the analysed ones by ID", kStep2},
        {"--condition-file-sample", "FILE", "", "the Oxford .sample file of a --condition-file bgen,FILE (default: the sample IDs stored in the BGEN)", kStep2},
        {"--vif", "F", "50", "report VIF_TOO_HIGH when the covariates explain the genotype with a variance inflation above F", kStep2},
        {"--firth", "", "", "case/control: Firth penalized logistic regression for variants whose score-test p is below --pThresh", kStep2},
        {"--approx", "", "", "with --firth: hold the covariate effects at the null fit and fit only the variant's effect (fast)", kStep2},
        {"--firth-wald", "", "", "with exact --firth: p-values from the Wald statistic of the penalized fit, as plink2 --glm firth (default: penalized likelihood ratio test; Wald is anti-conservative for rare variants when cases are few)", kStep2},
        {"--spa", "", "", "case/control: saddle-point approximation for variants whose score-test p is below --pThresh", kStep2},
        {"--pThresh", "P", "0.05", "case/control: score-test p-value below which --firth or --spa is applied (plot: the threshold the results were computed with, for the report's lambda_GC of the corrected variants)", kReport},
        {"--no-report", "", "", "skip the plots and the HTML report (<out>.report.html) written after the tests", kStep2},
        {"--locus-window", "KB", "500", "significant variants closer than KB kilobases to the previous one join its locus", kReport},
        {"RESULTS", "FILE", "", "association result files: ridgeway's .tsv.gz, regenie's .regenie, PLINK 2's .glm.*", kPlot},
        {"--test-stat", "t|normal", "t", "quantitative traits: t = PLINK 2's t test (plink2 --glm: residual variance of the fit with the variant, Student's t with N - K - 1 degrees of freedom); normal = regenie's step-2 test (residual variance of the null model, trait minus LOCO prediction, over N - K; normal reference; missing calls take the mean call)", kStep2},
        {"--interaction", "COV", "", "interaction test with covariate COV (of --covar-name; categorical: one term per level but the reference): y ~ covariates + G + G x COV, rows for G's main effect (ADD-INT_SNP), each G x COV term (ADD-INT_SNPxCOV) and their joint test (ADD-INT_kDF); missing calls take the mean call", kStep2},
        {"--interaction-snp", "ID", "", "interaction test with variant ID of the genotype file (its genotypes, missing ones the mean, added as a covariate): G x G, rows as --interaction", kStep2},
        {"--interaction-prs", "", "", "interaction test with the trait's whole-genome step-1 prediction (of --pred: the .prs row with --use-prs, else the sum of its leave-one-chromosome-out rows over their number less one), added as the covariate PRS: G x PRS, rows as --interaction; one trait; the tests are then not conditioned on the predictions otherwise (as regenie)", kAssoc},
        {"--no-robust", "", "", "quantitative traits with --interaction, --interaction-snp, --interaction-prs or --test genotypic: model-based standard errors, as plink2 --glm (default: HC3 heteroskedasticity-robust ones, as regenie)", kStep2},
        {"--test", "additive|dominant|recessive|genotypic", "additive", "step 2's genetic model, as plink2 --glm and regenie --test: the counted allele's calls coded 0/1/2, 0/1/1 (dominant) or 0/0/1 (recessive), dosages d as d, min(d, 1) or max(d - 1, 0); allele frequencies, INFO and the variant filters stay additive; non-PAR X is left out of dominant and recessive tests when males are analysed; step 1 is always additive; genotypic: ADD (0/1/2) and DOMDEV (1 for heterozygotes) per variant, rows ADD, DOMDEV and their joint test GENO_2DF, as plink2 --glm genotypic, missing calls the mean", kStep2},
        {"--apply-rint", "", "", "quantitative traits: each trait replaced by the rank-based inverse normal transform of its non-missing values (Blom's offset (rank - 3/8) / (n + 1/4), ties at their mean rank), as regenie --apply-rint; step 1 and step 2 both use it (give it to step1 and to assoc --pred alike, or once to gwas)", kInputs},
        {"--apply-rerint", "", "", "quantitative traits, step 2: each trait replaced by the rank-based inverse normal transform of its covariate residual (minus the LOCO prediction), then tested with the covariates; --test-stat normal takes the transformed residual's variance as it is, as regenie --apply-rerint", kStep2},
        {"--apply-rerint-cov", "", "", "as --apply-rerint, but --test-stat normal's residual variance is that of the transformed residual with the covariates projected out again, as regenie --apply-rerint-cov (with --test-stat t the two are one test)", kStep2},
        {"--format", "tsv|regenie|ssf", "tsv", "result layout: bgzipped TSV with a tabix index, regenie's .regenie files, or GWAS-SSF (the GWAS Catalog's .tsv.gz with its -meta.yaml)", kStep2},
        {"--gz", "", "", "gzip step 1's .loco files (<out>_<k>.loco.gz) and --format regenie's results (<out>_<TRAIT>.regenie.gz), as regenie's --gz; the other layouts are always compressed", kInputs},
        {"--pred", "FILE", "", "step-1 prediction list (<out>_pred.list of ridgeway or regenie step 1)", kAssoc},
        {"--use-prs", "", "", "with --pred: the list names whole-genome predictions (<out>_prs.list of step 1 --print-prs), which every chromosome is tested with, its own part included (not leave-one-chromosome-out)", kAssoc},
        {"--print-prs", "", "", "also write each trait's whole-genome prediction (level 1 over every chromosome, not leave-one-chromosome-out) in regenie's layout: <out>_<k>.prs, listed in <out>_prs.list, for assoc --use-prs", kStep1},
        {"--write-samples", "", "", "per trait, the samples its tests used (FID and IID, tab-separated): <out>_<TRAIT>.regenie.ids with --format regenie, as regenie's, else <out>.<TRAIT>.ids", kStep2},
        {"--print-pheno", "", "", "with --write-samples: each file starts with the line 'TRAIT NA' (tab-separated), as regenie's", kStep2},
        {"--bsize", "B", "1000", "step-1 variants per block (blocks never cross a chromosome); assoc accepts it for regenie command lines and reads variants in its own blocks", kBlocks},
        {"--cv", "K", "5", "K-fold cross-validation: step 1's folds are contiguous in file order, predict's are drawn with --seed", kFolds},
        {"--loocv", "", "", "leave-one-out cross-validation in step 1", kStep1},
        {"--resume", "", "", "continue a killed run of the same command from its last finished level-0 block (kept in <out>.level0.resume until the run succeeds)", kStep1},
        {"--split", "N", "", "split the run into N parts for a job scheduler: write the plan <out>.split and nothing else (step1: level-0 blocks; assoc: variants; predict: column tiles of the training products; gwas: run step1, then assoc --pred, each split)", kData},
        {"--run-part", "I", "", "compute part I (1 to N) of the plan <out>.split, written with --split and the same other options, into <out>.part<I>.level0 (step1), <out>.part<I>.assoc or <out>.part<I>.gram (predict)", kData},
        {"--merge", "", "", "combine the parts of the plan <out>.split into the files one process writes (step1: level 1 on the parts' level 0; assoc: the result files and report; predict: the fit on the parts' training products)", kData},
        {"--memory", "MiB", "no limit", "memory budget: step 1's level-0 predictions that do not fit stream through a temporary file beside --out; anything else that cannot fit is an error before the work starts", kBudget},
        {"--level0-on-disk", "", "", "step 1's level-0 predictions always stream through a temporary file, whatever --memory allows", kStep1},
        {"--level0-prefix", "PREFIX", "<out folder>/ridgeway", "the temporary file of streamed level-0 predictions is PREFIX-level0-XXXXXX", kStep1},
        {"--precision", "fp64|fp32|mixed", "mixed", "arithmetic of the Gram products and ridge solves: mixed = exact INT8 products and FP32 Cholesky refined to FP64 accuracy (FP64 when refinement stalls); fp32 = no refinement; fp64 = reference", kPrecision},
        {"--kernel", "linear|gaussian", "linear", "predict: ridge regression on the genomic relationship matrix, or a Gaussian kernel of genotype distances", kPredict},
        {"--form", "auto|dual|primal", "auto", "predict: solve samples x samples (dual) or, for the linear kernel, variants x variants (primal) systems; auto takes the smaller", kPredict},
        {"--bandwidths", "LIST", "0.5,1,2", "predict --kernel gaussian: bandwidths to cross-validate, as multiples of the median distance between training samples", kPredict},
        {"--h2-grid", "LIST", "0.05,0.1,0.2,0.35,0.5,0.7,0.9", "predict: penalties to cross-validate, as heritabilities h2 (penalty (1 - h2) / h2 on a kernel with unit diagonal)", kPredict},
        {"--test-fraction", "F", "0.2", "predict: hold out a random fraction F of the samples with every trait (drawn with --seed) to measure accuracy", kPredict},
        {"--test-keep", "FILE", "", "predict: the held-out test samples are those listed (FID IID, or IID, per line)", kPredict},
        {"--test-bfile", "PREFIX", "", "predict: a separate PLINK 1 file set of test samples (traits from --pheno, variants matched by ID)", kPredict},
        {"--model", "FILE", "", "predict: apply this saved model (<out>.model of an earlier predict) to --bfile instead of fitting", kPredict},
        {"--epistasis", "F", "0", "fraction of each quantitative trait's genetic variance that comes from pairwise interactions of causal variants", kSimulate},
        {"--n", "N", "2000", "samples to simulate", kSimulate},
        {"--m", "M", "50000", "variants to simulate", kSimulate},
        {"--chromosomes", "K", "10", "chromosomes the variants are spread over", kSimulate},
        {"--chrx", "", "", "also simulate chromosome X (code X, hg38 positions: 3% of its variants in PAR1, 94% outside the PARs, 3% in PAR2); the .fam holds each sample's sex (the covariate SEX), and males carry one copy outside the PARs, written as homozygous calls", kSimulate},
        {"--m-chrx", "M", "5% of --m", "--chrx: variants on chromosome X, besides the --m on the autosomes", kSimulate},
        {"--seed", "S", "1", "random seed (simulated data, predict's test set and folds); the same seed writes the same files", kSeeded},
        {"--h2", "H", "0.5", "heritability of each simulated trait", kSimulate},
        {"--causal", "K", "100", "causal variants per trait", kSimulate},
        {"--quantitative", "K", "2", "quantitative traits Q1..QK", kSimulate},
        {"--binary", "K", "1", "case/control traits B1..BK (1 = control, 2 = case)", kSimulate},
        {"--prevalence", "F", "0.1", "prevalence of the case/control traits", kSimulate},
        {"--missing-rate", "F", "0.002", "fraction of genotype calls set missing", kSimulate},
        {"--min-maf", "F", "0.005", "lowest minor allele frequency drawn (the spectrum is U-shaped on [F, 0.5])", kSimulate},
        {"--out", "PREFIX", "", "prefix of every output file, the .log included", kAll},
        {"--threads", "N", "all cores", "worker threads; results are identical for any number", kAll},
        {"--quiet", "", "", "print only warnings and errors: no informational lines on stdout and no progress on stderr (the .log is complete all the same)", kAll},
    };
    return options;
}

ParsedOptions::ParsedOptions(std::string command, std::map<std::string, std::string> values, std::map<std::string, bool> flags,
                             std::vector<std::string> positionals)
    : command_(std::move(command)), values_(std::move(values)), flags_(std::move(flags)),
      positionals_(std::move(positionals)) {}

bool ParsedOptions::has(const std::string& name) const {
    auto it = values_.find(name);
    return it != values_.end() && !it->second.empty();
}

std::vector<std::string> ParsedOptions::canonical_arguments(const std::vector<std::string>& ignored) const {
    std::vector<std::string> arguments{command_};
    auto keep = [&](const std::string& name) { return std::find(ignored.begin(), ignored.end(), name) == ignored.end(); };
    for (const auto& [name, value] : values_)
        if (!value.empty() && keep(name)) arguments.push_back(name + " " + value);
    for (const auto& [name, set] : flags_)
        if (set && keep(name)) arguments.push_back(name);
    return arguments;
}

bool ParsedOptions::flag(const std::string& name) const {
    auto it = flags_.find(name);
    return it != flags_.end() && it->second;
}

std::string ParsedOptions::text(const std::string& name, const std::string& fallback) const {
    return has(name) ? values_.at(name) : fallback;
}

std::string ParsedOptions::required_text(const std::string& name) const {
    if (!has(name)) throw Error(ErrorKind::usage, fmt::format("ridgeway {} needs {}", command_, name));
    return values_.at(name);
}

double ParsedOptions::number(const std::string& name, double fallback, double min, double max) const {
    if (!has(name)) return fallback;
    auto value = parse_double(values_.at(name));
    if (!value || *value < min || *value > max)
        throw Error(ErrorKind::usage, fmt::format("{} {}: expected a number from {} to {}", name, values_.at(name), min, max));
    return *value;
}

long long ParsedOptions::integer(const std::string& name, long long fallback, long long min, long long max) const {
    if (!has(name)) return fallback;
    auto value = parse_integer(values_.at(name));
    if (!value || *value < min || *value > max)
        throw Error(ErrorKind::usage, fmt::format("{} {}: expected a whole number from {} to {}", name, values_.at(name), min, max));
    return *value;
}

namespace {

// Options whose repeats add to one comma-separated list, as regenie's --phenoCol and --covarCol.
bool is_repeatable(const std::string& name) {
    return name == "--pheno-name" || name == "--covar-name" || name == "--cat-covar-name" || name == "--chr";
}

// Joins repeats with commas and expands regenie's {i:j} in lists of column names.
void normalize_lists(std::map<std::string, std::string>& values) {
    for (auto& [name, value] : values) {
        if (!is_repeatable(name)) continue;
        std::replace(value.begin(), value.end(), '\n', ',');
        if (name != "--chr") value = expand_name_list(value, name);
    }
}

}  // namespace

ParsedOptions parse_command_line(int argc, char** argv) {
    CLI::App app{"ridgeway: genome-wide association studies with whole-genome ridge regression"};
    app.name(argv[0]);
    app.set_version_flag("--version", version_line());
    app.require_subcommand(1);
    app.fallthrough(false);
    app.footer("regenie's command lines run as they are: ridgeway --step 1 ... is ridgeway step1 --step 1 ..., and\n"
               "--step 2 is assoc; regenie's option names are aliases of ridgeway's, listed with them in --help.");
    std::map<std::string, std::map<std::string, std::string>> values;
    std::map<std::string, std::map<std::string, bool>> flags;
    std::map<std::string, std::vector<std::string>> positionals;
    std::vector<std::string> command_names;
    for (const auto& command : command_table()) {
        command_names.push_back(command.name);
        CLI::App* sub = app.add_subcommand(command.name, command.summary);
        sub->allow_extras();  // reported below, in the order given and with suggestions
        for (const auto& option : option_table()) {
            if (std::find(option.commands.begin(), option.commands.end(), command.name) == option.commands.end()) continue;
            std::string help = option.help;
            if (*option.default_text) help += fmt::format(" [default: {}]", option.default_text);
            const std::string names = names_with_aliases(option.name);
            if (option.name[0] != '-') {
                sub->add_option(option.name, positionals[command.name], help)->required()->type_name(option.value_name);
            } else if (*option.value_name) {
                CLI::Option* added = sub->add_option(names, values[command.name][option.name], help)->type_name(option.value_name);
                if (is_repeatable(option.name)) added->multi_option_policy(CLI::MultiOptionPolicy::Join);
            } else {
                sub->add_flag(names, flags[command.name][option.name], help);
            }
        }
    }
    std::vector<std::string> args = with_step_command(argc, argv, command_names);
    check_command_word(args, command_names);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
        app.parse(args);
    } catch (const CLI::Success& success) {
        std::exit(app.exit(success));
    } catch (const CLI::ParseError& error) {
        throw Error(ErrorKind::usage, error.what());
    }
    for (const auto& command : command_table()) {
        if (!app.got_subcommand(command.name)) continue;
        const std::vector<std::string> extras = app.get_subcommand(command.name)->remaining();
        if (!extras.empty())
            throw Error(ErrorKind::usage,
                        unknown_arguments_message(command.name, extras, !values[command.name]["--step"].empty()));
        normalize_lists(values[command.name]);
        apply_step_defaults(command.name, values[command.name], flags[command.name]);
        return ParsedOptions(command.name, values[command.name], flags[command.name], positionals[command.name]);
    }
    throw Error(ErrorKind::usage, "a command is needed; try ridgeway --help");
}

}  // namespace ridgeway
