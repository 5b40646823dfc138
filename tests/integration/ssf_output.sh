#!/usr/bin/env bash
# --format ssf, the GWAS Catalog's summary statistics (GWAS-SSF), checked against the TSV output of the same data and
# against the input files: a quantitative and a case/control trait, with chromosome 4 renamed X (code 23; diploid in
# both sexes, so declared pseudo-autosomal throughout with --par-region), three
# variants moved to chromosome 0 (no code: left out), half the IDs made rsIDs, and rare variants that give CONST_ALLELE
# rows (left out). Python checks the column names and order, every row against the TSV row (values as printed), the
# left-out rows against the TSV's ERRCODE and the metadata's count, and the YAML: md5 equal to md5sum's, sample size
# and case and control counts from the trait and covariate files, covariates, software. A run that fails after its
# SSF files are finished must leave none of them.
set -euo pipefail
ridgeway=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
"$ridgeway" simulate --n 500 --m 3000 --chromosomes 4 --quantitative 1 --binary 1 --prevalence 0.3 --min-maf 0.0005 \
  --seed 7 --out sim >/dev/null
cp sim.bed cohort.bed && cp sim.fam cohort.fam
awk 'BEGIN { OFS = "\t" } { if ($1 == "4") $1 = "X"; if (NR <= 3) $1 = "0"; if (NR % 2) $2 = "rs" NR; print }' \
  sim.bim > cohort.bim
par=(--par-region X:1-999999999)
common=(--bfile cohort --pheno sim.pheno --covar sim.covar "${par[@]}" --threads 2 --no-report)
"$ridgeway" assoc "${common[@]}" --pheno-name Q1 --out tsv >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno-name Q1 --format ssf --out ssf >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno-name B1 --bt --out tsv >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno-name B1 --bt --format ssf --out ssf >/dev/null
version=$("$ridgeway" --version | head -1)

for trait in Q1 B1; do
  kind=$([ "$trait" = Q1 ] && echo linear || echo logistic)
  data=ssf.$trait.ssf.tsv.gz
  [ -e "$data.tbi" ] || { echo "FAIL: $data has no tabix index although its rows are sorted"; exit 1; }
  tabix_x=$(tabix "$data" 23 | wc -l)
  /usr/bin/python3 - "$trait" "$kind" "$data" "$(md5sum < "$data" | cut -d' ' -f1)" "$tabix_x" "$version" <<'PY'
import gzip, re, sys, yaml

trait, kind, data, md5, tabix_x, version = sys.argv[1:7]
binary = kind == "logistic"
failures = []
def check(ok, message):
    if not ok: failures.append(message)

mandatory = ["chromosome", "base_pair_location", "effect_allele", "other_allele", "beta", "standard_error",
             "effect_allele_frequency", "p_value"]
with gzip.open(data, "rt") as f:
    ssf_rows = [line.rstrip("\n").split("\t") for line in f]
header, ssf_rows = ssf_rows[0], ssf_rows[1:]
check(header == mandatory + ["variant_id", "rsid", "n"] + (["test"] if binary else []), f"header {header}")

# The expected SSF rows, from the TSV of the same run.
with gzip.open(f"tsv.{trait}.{kind}.tsv.gz", "rt") as f:
    tsv = [line.rstrip("\n").split("\t") for line in f]
col = {name: i for i, name in enumerate(tsv[0])}
codes = {str(c): str(c) for c in range(1, 23)} | {"X": "23", "Y": "24", "XY": "23", "MT": "25"}
expected, left_out = [], {}
for row in tsv[1:]:
    get = lambda name: row[col[name]]
    if get("ERRCODE") != ".":
        reason = f"without an estimate ({get('ERRCODE')})"
    elif get("#CHROM") not in codes:
        reason = "on chromosomes without a GWAS-SSF code"
    else:
        chrom = codes[get("#CHROM")]
        rsid = get("ID") if re.fullmatch(r"rs[0-9]+", get("ID")) else "#NA"
        expected.append([chrom, get("POS"), get("A1"), get("REF"), get("BETA"), get("SE"), get("A1FREQ"), get("P"),
                         f"{chrom}_{get('POS')}_{get('REF')}_{get('ALT')}", rsid, get("N")]
                        + ([get("TEST")] if binary else []))
        continue
    left_out[reason] = left_out.get(reason, 0) + 1
check(len(ssf_rows) == len(expected), f"{len(ssf_rows)} rows, the TSV has {len(expected)} with a result")
mismatches = [(a, b) for a, b in zip(ssf_rows, expected) if a != b]
check(not mismatches, f"{len(mismatches)} rows differ from the TSV, first: {mismatches[:1]}")
check(any(r[0] == "23" for r in ssf_rows) and any(r[9] != "#NA" for r in ssf_rows), "no X rows or no rsIDs to test")
check(int(tabix_x) == sum(r[0] == "23" for r in ssf_rows), f"tabix finds {tabix_x} rows on 23")
check(any(k.startswith("without") for k in left_out) and "on chromosomes without a GWAS-SSF code" in left_out,
      f"the data lack rows to leave out: {left_out}")

# The metadata.
meta = yaml.safe_load(open(data + "-meta.yaml"))
check(meta["data_file_md5sum"] == md5, f"md5 {meta['data_file_md5sum']}, md5sum says {md5}")
check(meta["data_file_name"] == data, f"data_file_name {meta['data_file_name']}")
check(meta["file_type"] == "GWAS-SSF v1.0" and meta["coordinate_system"] == "1-based", "file_type or coordinate_system")
check(meta["genome_assembly"] == "NR" and meta["is_harmonised"] is False and meta["is_sorted"] is True, "assembly or flags")
check(meta["trait_description"] == [trait], f"trait_description {meta['trait_description']}")
check(meta["analysis_software"].startswith("ridgeway ") and meta["analysis_software"].split()[1] in version,
      f"analysis_software {meta['analysis_software']} against --version {version}")
notes = meta["author_notes"]
check(("log odds ratio" in notes) == binary, f"author_notes on beta's scale: {notes}")
for reason, count in left_out.items():
    check(f"{count} {reason}" in notes, f"author_notes lack '{count} {reason}': {notes}")

# Sample counts from the input files: samples with every covariate, and a value for the trait.
def table(path):
    rows = [line.split() for line in open(path)]
    return rows[0], {tuple(r[:2]): r for r in rows[1:]}
pheno_header, pheno = table("sim.pheno")
covar_header, covar = table("sim.covar")
missing = {"NA", "na", "NaN", "nan", ".", "-9"}
def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False
# A non-numeric covariate is fitted as indicators of its levels but the first (sorted).
covariates = []
for c, name in enumerate(covar_header[2:], start=2):
    levels = sorted({r[c] for r in covar.values() if r[c] not in missing})
    covariates += [name] if all(map(is_number, levels)) else [f"{name}={level}" for level in levels[1:]]
check(meta["adjusted_covariates"] == covariates, f"covariates {meta['adjusted_covariates']}, expected {covariates}")
values = [pheno[key][pheno_header.index(trait)] for key in pheno
          if key in covar and not missing.intersection(covar[key][2:])]
values = [v for v in values if v not in missing | ({"0"} if binary else set())]
sample = meta["samples"][0]
check(sample["sample_size"] == len(values), f"sample_size {sample['sample_size']}, the files give {len(values)}")
check(sample["case_control_study"] is binary, "case_control_study")
if binary:
    counts = (sample["case_count"], sample["control_count"])
    check(counts == (values.count("2"), values.count("1")), f"case/control counts {counts}")
check(max(int(r[10]) for r in ssf_rows) <= len(values), "a row's n exceeds the sample size")

for message in failures: print(f"FAIL {trait}: {message}")
if failures: sys.exit(1)
print(f"{trait}: {len(ssf_rows)} rows equal to the TSV's, left out {left_out}, md5 {md5}, "
      f"sample size {sample['sample_size']}" + (f", {counts[0]} cases, {counts[1]} controls" if binary else ""))
PY
done

# A run that fails after writing its SSF files (--locus-window is read by the report, after the tests) leaves none.
mkdir failed
if "$ridgeway" assoc --bfile cohort --pheno sim.pheno --covar sim.covar --pheno-name Q1 --format ssf "${par[@]}" \
    --locus-window 2000000 --out failed/run >/dev/null 2>&1; then
  echo "FAIL: the run with --locus-window 2000000 succeeded"; exit 1
fi
grep -q 'failed/run.Q1.ssf.tsv.gz' failed/run.failed.log ||
  { echo "FAIL: the run failed before step 2 wrote its SSF files; this check needs a failure after them"; exit 1; }
leftovers=$(ls failed | grep -v '^run.failed.log$' || true)
[ -z "$leftovers" ] || { echo "FAIL: the failed run left: $leftovers"; exit 1; }
echo "a run failing after step 2 leaves no SSF file"

# The default run draws the report from the SSF files.
"$ridgeway" assoc --bfile cohort --pheno sim.pheno --covar sim.covar --pheno-name Q1 --format ssf "${par[@]}" --threads 2 \
  --out report >/dev/null 2>report.stderr || { echo "FAIL: assoc --format ssf with its report: $(cat report.stderr)"; exit 1; }
[ -s report.report.html ] || { echo "FAIL: no report for the SSF results"; exit 1; }
echo "the report reads the SSF results"
