#!/usr/bin/env bash
# Malformed and inconsistent inputs: each must fail with its category's exit code, a one-line error naming the file
# and the problem, and no result file under a final name; an earlier run's results must survive a failed rerun.
set -uo pipefail
ridgeway=$1 scratch=$2
export PYTHONPATH=$(cd "$(dirname "$0")" && pwd)  # bgen_first_block.py
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
failures=0

# 202 samples: ceil(202/4) == ceil(201/4), so a .fam one sample short still matches the .bed size.
"$ridgeway" simulate --n 202 --m 300 --seed 3 --out good >/dev/null || exit 1

# expect CODE FRAGMENT ARGS...: runs ridgeway ARGS with --out case/out and checks the outcome; the message is left in
# last_error.
expect() {
  local code=$1 fragment=$2
  shift 2
  rm -rf case && mkdir case
  local stderr
  stderr=$("$ridgeway" "$@" --out case/out 2>&1 >/dev/null)
  local status=$?
  last_error=$stderr  # for further checks of the message
  local leftovers
  leftovers=$(find case -type f ! -name 'out*.failed.log' | head -3)
  if [ "$status" -ne "$code" ] || [[ "$stderr" != *"$fragment"* ]] || [ -n "$leftovers" ] ||
     [ "$(printf '%s\n' "$stderr" | grep -c .)" -ne 1 ]; then
    echo "FAIL: ridgeway $*"
    echo "  expected exit $code and '$fragment'; got exit $status: $stderr ${leftovers:+(left: $leftovers)}"
    failures=$((failures + 1))
  else
    echo "ok   exit $status: $stderr"
  fi
}

# copy NAME [FROM EXTENSIONS...]: a copy of a file set (default: good.bed/.bim/.fam) under the prefix NAME.
copy() {
  local name=$1 from=${2:-good} extension
  for extension in ${3:-bed bim fam}; do cp "$from.$extension" "$name.$extension"; done
}
assoc=(assoc --pheno good.pheno --pheno-name Q1)

copy truncated && truncate -s -7 truncated.bed
expect 5 "truncated.bed: size" "${assoc[@]}" --bfile truncated
copy magic && printf '\x6c\x1c' | dd of=magic.bed conv=notrunc status=none
expect 4 "magic.bed: not a PLINK 1 .bed file" "${assoc[@]}" --bfile magic
copy samplemajor && printf '\x00' | dd of=samplemajor.bed bs=1 seek=2 conv=notrunc status=none
expect 4 "sample-major" "${assoc[@]}" --bfile samplemajor
copy short && head -n -1 good.fam > short.fam
expect 5 "non-zero padding bits" "${assoc[@]}" --bfile short
copy sizemismatch && head -n -3 good.fam > sizemismatch.fam
expect 5 "sizemismatch.bed: size" "${assoc[@]}" --bfile sizemismatch
copy dupfam && sed -i '2s/^[^ ]* [^ ]*/F1 S1/' dupfam.fam && sed -i '1s/^[^ ]* [^ ]*/F1 S1/' dupfam.fam
expect 4 "dupfam.fam, line 2: duplicate sample ID" "${assoc[@]}" --bfile dupfam
copy badbim && sed -i '5s/\t[0-9]*\t\([ACGT]\)/\tabc\t\1/' badbim.bim
expect 4 "badbim.bim, line 5: column 4 (bp)" "${assoc[@]}" --bfile badbim
copy shortbim && sed -i '3s/\t[ACGT]$//' shortbim.bim
expect 4 "shortbim.bim, line 3: expected 6 fields" "${assoc[@]}" --bfile shortbim
expect 3 "nothere.fam: cannot open" "${assoc[@]}" --bfile nothere

copy badsex && awk 'NR == 7 { $5 = 3 } { print }' good.fam > badsex.fam
expect 4 "badsex.fam, line 7: sex '3' is not 1/2, M/F, male/female or 0/-9/NA" "${assoc[@]}" --bfile badsex

awk 'NR == 4 { $3 = "1.5abc" } { print }' good.pheno > token.pheno
expect 4 "token.pheno, line 4, column Q1: '1.5abc' is not a number" assoc --bfile good --pheno token.pheno --pheno-name Q1
awk 'NR == 1 { print; next } { $1 = "X" $1; $2 = "X" $2; print }' good.pheno > strangers.pheno
expect 5 "no sample ID matches the genotype file" assoc --bfile good --pheno strangers.pheno
expect 5 "no column 'NOPE'" assoc --bfile good --pheno good.pheno --pheno-name Q1,NOPE
sed '1s/^FID IID/ID1 ID2/' good.pheno > noheader.pheno
expect 4 "noheader.pheno, line 1: expected a header" assoc --bfile good --pheno noheader.pheno
awk 'NR == 6 { NF = NF - 1 } { print }' good.pheno > ragged.pheno
expect 4 "ragged.pheno, line 6: expected" assoc --bfile good --pheno ragged.pheno
awk 'NR == 1 { print; next } NR == 3 { print; print; next } { print }' good.pheno > duprow.pheno
expect 4 "duprow.pheno, line 4: duplicate sample ID" assoc --bfile good --pheno duprow.pheno
awk 'NR == 5 { $3 = "zz" } { print }' good.covar > token.covar
expect 5 "no column 'NOPE'" "${assoc[@]}" --bfile good --covar good.covar --covar-name AGE,NOPE
expect 2 "--maf 2" "${assoc[@]}" --bfile good --maf 2
expect 2 "--threads 0" "${assoc[@]}" --bfile good --threads 0
expect 2 "--chr 1-Q" "${assoc[@]}" --bfile good --chr 1-Q
expect 2 "--range 1:200-100: '1:200-100' is not a range" "${assoc[@]}" --bfile good --range 1:200-100
expect 5 "no variants remain after --chr/--range" "${assoc[@]}" --bfile good --range 22:1-1000000
expect 2 "--format vcf" "${assoc[@]}" --bfile good --format vcf
expect 2 "needs --pheno" assoc --bfile good
expect 2 "--bogus" "${assoc[@]}" --bfile good --bogus
# Step-1 prediction files in regenie's layout, damaged one way each.
"$ridgeway" step1 --bfile good --pheno good.pheno --pheno-name Q1 --bsize 50 --out pred >/dev/null || exit 1
with_pred() { printf 'Q1 %s\n' "$1" > "$1.list"; }
cut -d' ' -f1-150 pred_1.loco > fewsamples.loco && with_pred fewsamples.loco
expect 5 "fewsamples.loco: 50 analysed samples have no prediction" "${assoc[@]}" --bfile good --pred fewsamples.loco.list
sed '1s/^FID_IID/ID/' pred_1.loco > header.loco && with_pred header.loco
expect 4 "header.loco, line 1: expected a header starting FID_IID" "${assoc[@]}" --bfile good --pred header.loco.list
sed '3d' pred_1.loco > chromosome.loco && with_pred chromosome.loco
expect 5 "no row for chromosome 2" "${assoc[@]}" --bfile good --pred chromosome.loco.list
awk 'NR == 4 { $7 = "x1" } { print }' pred_1.loco > value.loco && with_pred value.loco
expect 4 "value.loco, line 4: 'x1'" "${assoc[@]}" --bfile good --pred value.loco.list
printf 'Q2 pred_1.loco\n' > othertrait.list
expect 5 "othertrait.list: no predictions listed for trait Q1" "${assoc[@]}" --bfile good --pred othertrait.list
expect 7 "--memory 1: step 1 needs at least" step1 --bfile good --pheno good.pheno --pheno-name Q1 --memory 1
expect 7 "--memory 1: step 2 for 199 samples, 1 traits and 2 threads needs about" "${assoc[@]}" --bfile good --memory 1
printf 'CHROM GENPOS ID LOG10P\n1 100 rs1 0.5\n' > tiny.regenie
expect 7 "tiny.regenie, line 2: more rows than --memory leaves room for" plot tiny.regenie --memory 1
expect 7 "--memory 1: simulating 100000 samples x 1000000 variants" simulate --n 100000 --m 1000000 --memory 1
expect 2 "--m-chrx: chromosome X is simulated only with --chrx" simulate --n 100 --m 1000 --m-chrx 50
expect 2 "--m-chrx 20000000: expected a whole number from 1 to 10000000" simulate --n 100 --m 1000 --chrx --m-chrx 20000000
expect 2 "--cv 1" step1 --bfile good --pheno good.pheno --pheno-name Q1 --cv 1
expect 2 "--cv and --loocv exclude each other" step1 --bfile good --pheno good.pheno --pheno-name Q1 --cv 3 --loocv

# Result files given to `plot`.
printf 'CHROM POS ID P\n1 100 rs1 0.5\n1 200 rs2 1.7\n' > badp.regenie
expect 4 "badp.regenie, line 3: '1.7' is not a p-value" plot badp.regenie
printf 'A B C\n1 2 3\n' > noheader.regenie
expect 4 "noheader.regenie, line 1: expected a header with CHROM, POS" plot noheader.regenie
expect 3 "missing.regenie: cannot open" plot missing.regenie

# Case/control traits.
awk 'NR == 7 { $5 = 3 } { print }' good.pheno > code.pheno
expect 4 "code.pheno, line 7, column B1: '3' is not a case/control code" assoc --bt --bfile good --pheno code.pheno --pheno-name B1
expect 4 "column B1: '2' is not a case/control code (0 = control, 1 = case, as --1 and --step read them; --cc12 reads 1/2)" assoc --bt --1 --bfile good --pheno good.pheno --pheno-name B1
expect 5 "every trait was skipped for too few cases or controls" assoc --bt --min-case-count 1000 --bfile good --pheno good.pheno --pheno-name B1
[[ "$last_error" != *"0/1-coded"* ]] || { echo "FAIL: a 1/2-coded trait called 0/1-coded"; failures=$((failures + 1)); }
# B1 coded 0/1 (B0) read with the default 1/2 coding: no cases, and a hint naming --1, in the error when every trait
# is skipped and in the warning when another remains.
awk 'NR == 1 { print $0, "B0"; next } { print $0, ($5 == "NA") ? "NA" : $5 - 1 }' good.pheno > zero_one.pheno
hint="and its values are all 0 or 1: they look 0/1-coded, which --1 reads as 0 = control, 1 = case instead of the default"
expect 5 "every trait was skipped for too few cases or controls (B0 has 0 cases and" assoc --bt --bfile good --pheno zero_one.pheno --pheno-name B0
[[ "$last_error" == *"fewer than --min-case-count 10, $hint"* ]] || { echo "FAIL: no 0/1 hint: $last_error"; failures=$((failures + 1)); }
if "$ridgeway" assoc --bt --bfile good --pheno zero_one.pheno --pheno-name B1,B0 --out hint >/dev/null 2>&1 &&
   grep -q "^Warning: trait skipped: B0 has 0 cases and .*, $hint" hint.log; then
  echo "ok   warning: $(grep 'trait skipped' hint.log)"
else
  echo "FAIL: no warning with the 0/1 hint when B0 is skipped beside B1"; failures=$((failures + 1))
fi
expect 5 "too few cases or controls (B0 has " assoc --bt --1 --min-case-count 1000 --bfile good --pheno zero_one.pheno --pheno-name B0
[[ "$last_error" != *"0/1-coded"* ]] || { echo "FAIL: the 0/1 hint with --1"; failures=$((failures + 1)); }
# The same through regenie's names and command form: --step reads --bt traits as 0/1, and says how to read 1/2.
expect 5 "(B0 has 0 cases and" assoc --bed good --phenoFile zero_one.pheno --phenoCol B0 --bt
[[ "$last_error" == *"$hint"* ]] || { echo "FAIL: no 0/1 hint through regenie's names: $last_error"; failures=$((failures + 1)); }
expect 5 "(B0 has 0 cases and" --step 2 --bed good --phenoFile zero_one.pheno --phenoCol B0 --bt --cc12 --bsize 100
[[ "$last_error" == *"$hint"* ]] || { echo "FAIL: no 0/1 hint with --step --cc12: $last_error"; failures=$((failures + 1)); }
expect 4 "column B1: '2' is not a case/control code (0 = control, 1 = case, as --1 and --step read them; --cc12 reads 1/2)" \
  --step 2 --bed good --phenoFile good.pheno --phenoColList B1 --bt --bsize 100
expect 2 "--firth, --spa and --pThresh apply to case/control traits; add --bt" assoc --firth --bfile good --pheno good.pheno --pheno-name Q1
expect 2 "--approx and --firth-wald refine --firth" assoc --bt --approx --bfile good --pheno good.pheno --pheno-name B1
expect 2 "--firth-wald applies to exact Firth" assoc --bt --firth --approx --firth-wald --bfile good --pheno good.pheno --pheno-name B1
expect 2 "--firth and --spa exclude each other" assoc --bt --firth --spa --bfile good --pheno good.pheno --pheno-name B1
# Interaction and genotypic models: what they name must exist, and the modes that do not apply are refused.
covars=(--covar good.covar --covar-name AGE,PC1)
expect 2 "--interaction SITE: not a covariate of the analysis (covariates: AGE, PC1)" "${assoc[@]}" --bfile good \
  "${covars[@]}" --interaction SITE
expect 2 "--interaction-snp rs_absent: no variant with this ID in" "${assoc[@]}" --bfile good --interaction-snp rs_absent
expect 2 "--interaction, --interaction-snp and --interaction-prs exclude each other" "${assoc[@]}" --bfile good \
  "${covars[@]}" --interaction AGE --interaction-snp "$(awk 'NR == 1 { print $2 }' good.bim)"
expect 2 "--test genotypic and --interaction/--interaction-snp/--interaction-prs exclude each other: interaction tests" \
  "${assoc[@]}" --bfile good "${covars[@]}" --interaction AGE --test genotypic
expect 2 "--test dominant and --interaction/--interaction-snp/--interaction-prs exclude each other" "${assoc[@]}" \
  --bfile good "${covars[@]}" --interaction AGE --test dominant
# --interaction-prs: the predictions must be given, for one trait, with a whole-genome value for every analysed sample.
with_pred pred_1.loco
expect 2 "--interaction-prs interacts with the trait's whole-genome step-1 prediction: add --pred" "${assoc[@]}" \
  --bfile good --interaction-prs
expect 2 "--interaction, --interaction-snp and --interaction-prs exclude each other" "${assoc[@]}" --bfile good \
  "${covars[@]}" --interaction AGE --interaction-prs --pred pred_1.loco.list
expect 2 "--interaction-prs tests one trait against its own prediction, and 2 traits are selected" assoc \
  --pheno good.pheno --pheno-name Q1,Q2 --bfile good --interaction-prs --pred pred_1.loco.list
awk 'NR == 1 { sub(/AGE/, "PRS") } { print }' good.covar > prs.covar
expect 2 "--interaction-prs adds the covariate PRS, and the analysis already has a covariate of that name" \
  "${assoc[@]}" --bfile good --covar prs.covar --covar-name PRS,PC1 --interaction-prs --pred pred_1.loco.list
head -2 pred_1.loco > onerow.loco && with_pred onerow.loco
expect 5 "--interaction-prs: onerow.loco.list has a single leave-one-chromosome-out row for Q1" "${assoc[@]}" \
  --bfile good --interaction-prs --pred onerow.loco.list
awk '{ if (NR > 1) $5 = "NA"; print }' pred_1.loco > na.loco && with_pred na.loco
expect 5 "--interaction-prs: na.loco.list has no prediction (NA) of Q1 for sample S4 S4 (FID IID), which has a value" \
  "${assoc[@]}" --bfile good --interaction-prs --pred na.loco.list
expect 2 "--interaction-prs" gwas --bfile good --pheno good.pheno --pheno-name Q1 --interaction-prs
expect 2 "--no-robust applies to --interaction, --interaction-snp and --test genotypic" "${assoc[@]}" --bfile good --no-robust
expect 2 "--no-robust applies to quantitative traits" assoc --bt --bfile good --pheno good.pheno --pheno-name B1 \
  --test genotypic --no-robust
expect 2 "--interaction has several terms per variant; --spa corrects a single score statistic" assoc --bt --spa \
  --bfile good --pheno good.pheno --pheno-name B1 "${covars[@]}" --interaction AGE
expect 2 "--test genotypic fits every term with the covariates; --approx" assoc --bt --firth --approx --bfile good \
  --pheno good.pheno --pheno-name B1 --test genotypic
expect 2 "GWAS-SSF (one effect per variant) cannot hold" "${assoc[@]}" --bfile good "${covars[@]}" --interaction AGE \
  --format ssf
expect 2 "--test-stat z: expected t or normal" assoc --test-stat z --bfile good --pheno good.pheno --pheno-name Q1
expect 2 "--test-stat chooses the test of quantitative traits" assoc --bt --test-stat normal --bfile good --pheno good.pheno --pheno-name B1
expect 2 "--loocv is not available for case/control traits" step1 --bt --loocv --bfile good --pheno good.pheno --pheno-name B1
# regenie's names and command form.
expect 2 "unknown options for ridgeway assoc: --covar-names (did you mean --covar-name?), --bogus, --maf2 (did you mean --maf?); see ridgeway assoc --help" \
  "${assoc[@]}" --bfile good --covar-names AGE --bogus --maf2 0.1
expect 2 "unknown options for ridgeway step1: --catCovarLst (did you mean --catCovarList?), --maxCatLevel (did you mean --maxCatLevels?)" \
  --step 1 --bed good --phenoFile good.pheno --phenoColList Q1 --covarFile good.covar --catCovarLst SITE --maxCatLevel 5
expect 2 "unknown option for ridgeway assoc: --loocv (an option of step1, gwas, not assoc)" "${assoc[@]}" --bfile good --loocv
expect 2 "unknown options for ridgeway assoc: -p (regenie's -p: write --phenoFile), -1 (regenie's -1 reads 1 = control, 2 = case: write --cc12; ridgeway's --1 reads 0/1, as PLINK's), --htp; see ridgeway assoc --help (and, for regenie's options, the README's section \"regenie's command lines\")" \
  --step 2 --bed good -p good.pheno --bt -1 --htp COHORT --bsize 100
expect 2 "unknown command 'stpe1' (did you mean step1?); the commands are gwas, step1, assoc, simulate, predict, plot (or regenie's --step 1|2 with its options)" \
  stpe1 --bfile good --pheno good.pheno
expect 2 "a command is needed first: gwas, step1" --bed good --phenoFile good.pheno
expect 2 "unknown option for ridgeway gwas: --step (an option of step1, assoc, not gwas)" gwas --bfile good --pheno good.pheno --step 1
expect 2 "unexpected argument 'Q2' (every value follows its option's name)" "${assoc[@]}" Q2 --bfile good
expect 2 "--step 3: expected 1 (ridgeway step1) or 2 (ridgeway assoc)" --step 3 --bed good --phenoFile good.pheno
expect 2 "--step 1: ridgeway assoc is regenie's --step 2 (--step 1 is ridgeway step1)" "${assoc[@]}" --bfile good --step 1
expect 2 "--covar-name PC{1:}: expected one expansion {FIRST:LAST} of whole numbers" "${assoc[@]}" --bfile good --covar good.covar --covar-name PC{1:}
expect 2 "--bt and --qt exclude each other" --step 2 --bed good --phenoFile good.pheno --phenoColList B1 --bt --qt
expect 3 "nothere.id: cannot open" "${assoc[@]}" --bfile good --keep good.pheno,nothere.id
# Covariates: an ID column taken for a categorical covariate, a numeric column declared categorical, covariate names
# without --covar that are also traits.
awk '{ print $0, (NR == 1) ? "RID" : "R" NR }' good.covar > rid.covar
expect 5 "rid.covar: covariate RID is categorical with 202 levels, more than --max-cat-levels 10 (an ID column?): leave it out of the covariates (--covar-name) or raise --max-cat-levels; it is categorical because not all its values are numbers ('R2' on line 2)" \
  "${assoc[@]}" --bfile good --covar rid.covar
expect 5 "good.covar: covariate AGE is categorical with" "${assoc[@]}" --bfile good --covarFile good.covar --catCovarList AGE
[[ "$last_error" == *"fit it as a number by leaving it out of --cat-covar-name, leave it out of the covariates, or raise --max-cat-levels" ]] ||
  { echo "FAIL: no fix for a numeric column declared categorical: $last_error"; failures=$((failures + 1)); }
expect 5 "good.covar: covariate SITE is categorical with 3 levels, more than --max-cat-levels 2: leave it out" "${assoc[@]}" --bfile good --covar good.covar --max-cat-levels 2
expect 5 "good.pheno: column Q2 is both a trait (--pheno-name) and a covariate (--covar-name/--cat-covar-name)" assoc --bfile good --pheno good.pheno --pheno-name Q1,Q2 --covar-name Q2
expect 5 "no column 'AGE' in good.pheno" assoc --bfile good --pheno good.pheno --covar-name AGE
# Split runs: the three modes exclude each other and --resume; gwas is split as step1 and assoc; a part needs its plan.
expect 2 "--split, --run-part and --merge exclude each other" "${assoc[@]}" --bfile good --split 2 --merge
expect 2 "--resume does not apply to split runs" step1 --bfile good --pheno good.pheno --pheno-name Q1 --split 2 --resume
expect 2 "gwas is split as its two steps" gwas --bfile good --pheno good.pheno --pheno-name Q1 --run-part 1
expect 2 "--split 0" "${assoc[@]}" --bfile good --split 0
expect 2 "--split 9: this run has only 1 level-0 blocks" step1 --bfile good --pheno good.pheno --pheno-name Q1 --chr 1 --split 9
expect 3 "out.split: no split plan" "${assoc[@]}" --bfile good --run-part 1

# VCF and BCF.
plink2 --bfile good --export vcf --out calls >/dev/null 2>&1
bgzip -c calls.vcf | head -c -100 > cut.vcf.gz
expect 4 "cut.vcf.gz, after record" "${assoc[@]}" --vcf cut.vcf.gz --id-delim _
awk 'BEGIN { OFS = "\t" } /^##FORMAT/ { print; print "##FORMAT=<ID=DS,Number=A,Type=Float,Description=\"Dosage\">"; next }
     /^#/ { print; next } { $9 = "GT:DS"; $10 = $10 ":2.5"; for (i = 11; i <= NF; ++i) $i = $i ":1"; print }' calls.vcf > range.vcf
expect 4 "range.vcf, record 1 (1:" "${assoc[@]}" --vcf range.vcf --id-delim _
expect 4 "sample 1: DS 2.5 is outside [0, 2]" "${assoc[@]}" --vcf range.vcf --id-delim _
expect 5 "calls.vcf: --dosage GP, but the header defines no FORMAT/GP" "${assoc[@]}" --vcf calls.vcf --dosage GP
expect 4 "does not contain --id-delim ':' exactly once" "${assoc[@]}" --vcf calls.vcf --id-delim :
expect 4 "good.pheno: not a VCF or BCF file" "${assoc[@]}" --vcf good.pheno
# Sample names without family IDs: rows are matched by IID alone, so a table may not repeat an IID under another FID.
plink2 --bfile good --export vcf id-paste=iid --out iids >/dev/null 2>&1
awk '{ print } END { print "other S2 0 0 1" }' good.pheno > repeated.pheno
expect 5 "repeated.pheno, line 204: IID S2 is also on line 3" "${assoc[@]/good.pheno/repeated.pheno}" --vcf iids.vcf
expect 2 "exactly one of --bfile, --pfile, --vcf, --bcf, --bgen" "${assoc[@]}" --vcf calls.vcf --bfile good
expect 7 "--memory 1: decoding calls.vcf (2 bytes per genotype) beyond record 1" "${assoc[@]}" --vcf calls.vcf --memory 1
expect 2 "--dosage and --id-delim apply to --vcf and --bcf" "${assoc[@]}" --bfile good --dosage DS
awk 'BEGIN { OFS = "\t" } !/^#/ && ++record == 3 { --NF } { print }' calls.vcf > short.vcf  # a sample column short
expect 4 "short.vcf, after record 2: the next record cannot be read" "${assoc[@]}" --vcf short.vcf --id-delim _
bgzip -c calls.vcf > indexed.vcf.gz && echo 'not an index' > indexed.vcf.gz.tbi
expect 4 "indexed.vcf.gz.tbi: not a readable index of indexed.vcf.gz" "${assoc[@]}" --vcf indexed.vcf.gz --id-delim _ --chr 1

# BGEN.
plink2 --bfile good --export bgen-1.2 bits=8 --out calls >/dev/null 2>&1
head -c -50 calls.bgen > cut.bgen
expect 4 "cut.bgen" "${assoc[@]}" --bgen cut.bgen --sample calls.sample
expect 3 "absent.sample" "${assoc[@]}" --bgen calls.bgen --sample absent.sample
head -n -1 calls.sample > short.sample
expect 5 "short.sample" "${assoc[@]}" --bgen calls.bgen --sample short.sample
expect 2 "--sample, --bgi and --ref-first apply to --bgen" "${assoc[@]}" --bfile good --ref-first
expect 3 "absent.bgi: cannot open the file (--bgi)" "${assoc[@]}" --bgen calls.bgen --sample calls.sample --bgi absent.bgi
/usr/bin/python3 - <<'PYTHON'  # flip bytes inside the first variant's zlib stream
from bgen_first_block import first_block_offset
data = bytearray(open("calls.bgen", "rb").read())
at = first_block_offset(data)
for i in range(at + 10, at + 20):  # past the block's two lengths and the zlib header
    data[i] ^= 0x5A
open("corrupt.bgen", "wb").write(data)
PYTHON
expect 4 "corrupt.bgen, variant 1" "${assoc[@]}" --bgen corrupt.bgen --sample calls.sample
/usr/bin/python3 - <<'PYTHON'  # the first variant's fifth sample of ploidy 3 (a third 8-bit value after its two)
import struct, zlib
from bgen_first_block import first_block_offset
data = bytearray(open("calls.bgen", "rb").read())
at = first_block_offset(data)
stored = struct.unpack("<I", data[at:at + 4])[0]
block = bytearray(zlib.decompress(bytes(data[at + 8:at + 4 + stored])))
samples = struct.unpack("<I", block[0:4])[0]
block[7] = 3  # maximum ploidy
block[8 + 4] = 3
values = 8 + samples + 2
block[values + 2 * 5:values + 2 * 5] = b"\0"
packed = zlib.compress(bytes(block))
data[at:at + 4 + stored] = struct.pack("<II", len(packed) + 4, len(block)) + packed
open("ploidy3.bgen", "wb").write(data)
PYTHON
expect 4 "ploidy3.bgen, variant 1" "${assoc[@]}" --bgen ploidy3.bgen --sample calls.sample
[[ "$last_error" == *"sample 5 ("*"): ploidy 3; only haploid and diploid samples are read"* ]] ||
  { echo "FAIL: the ploidy 3 error does not name the sample and ploidy: $last_error"; failures=$((failures + 1)); }
cp calls.bgen indexed.bgen && echo 'not an index' > indexed.bgen.bgi
expect 4 "indexed.bgen.bgi: not a bgenix index" "${assoc[@]}" --bgen indexed.bgen --sample calls.sample --range 1:1-1000000

# PLINK 2 .pgen (variable-width records: 4-bit record types from byte 20, 1-byte lengths).
plink2 --bfile good --make-pgen --out pgen >/dev/null 2>&1
pcopy() { copy "$1" pgen "pgen pvar psam"; }
pcopy cut && truncate -s -20 cut.pgen
expect 4 "cut.pgen, variant 300: the record" "${assoc[@]}" --pfile cut
pcopy magic && printf '\x6c\x1c' | dd of=magic.pgen conv=notrunc status=none
expect 4 "magic.pgen, header: not a PLINK 2 .pgen file (wrong magic bytes)" "${assoc[@]}" --pfile magic
pcopy mode && printf '\x07' | dd of=mode.pgen bs=1 seek=2 conv=notrunc status=none
expect 4 "mode.pgen, header: unknown storage mode 0x07" "${assoc[@]}" --pfile mode
pcopy ld && printf '\x22' | dd of=ld.pgen bs=1 seek=20 conv=notrunc status=none
expect 4 "ld.pgen, variant 1: the first record of a block of 65536 is LD-compressed" "${assoc[@]}" --pfile ld
pcopy count && printf '\xff\xff\xff\x00' | dd of=count.pgen bs=1 seek=3 conv=notrunc status=none
expect 4 "count.pgen, header: 16777215 variants need a header of" "${assoc[@]}" --pfile count
pcopy short && head -n -1 pgen.psam > short.psam
expect 5 "short.pgen: holds 202 samples, but short.psam lists 201" "${assoc[@]}" --pfile short
pcopy badsex && awk 'BEGIN { OFS = "\t"; print "#FID", "IID", "SEX" } { print $1, $2, (NR == 9 ? "Q" : "NA") }' \
  good.fam > badsex.psam
expect 4 "badsex.psam, line 10: sex 'Q' is not 1/2, M/F, male/female or 0/-9/NA" "${assoc[@]}" --pfile badsex
pcopy fewer && head -n -1 pgen.pvar > fewer.pvar
expect 5 "fewer.pgen: holds 300 variants, but fewer.pvar lists 299" "${assoc[@]}" --pfile fewer
pcopy pos && awk 'NR == 5 { $2 = "x" } { print }' OFS='\t' pgen.pvar > pos.pvar
expect 4 "pos.pvar, line 5: POS is not a non-negative integer: 'x'" "${assoc[@]}" --pfile pos
expect 2 "--multiallelic applies to --pfile, --vcf and --bcf" "${assoc[@]}" --bfile good --multiallelic split
expect 2 "--multiallelic: 'merge' is not one of split, skip" "${assoc[@]}" --pfile pgen --multiallelic merge

# Genomic prediction and saved models.
predict=(predict --bfile good --pheno good.pheno --pheno-name Q1,Q2)
expect 2 "--kernel: 'cubic' is not one of linear, gaussian" "${predict[@]}" --kernel cubic
expect 2 "--precision: 'fp16' is not one of fp64, fp32, mixed" "${predict[@]}" --precision fp16
expect 2 "--h2-grid: '1.5' is not a number between 0 and 1" "${predict[@]}" --h2-grid 0.5,1.5
expect 2 "--bandwidths applies to --kernel gaussian" "${predict[@]}" --bandwidths 1
expect 2 "exclude each other" "${predict[@]}" --test-fraction 0.1 --test-keep good.pheno
"$ridgeway" "${predict[@]}" --h2-grid 0.5 --out fitted >/dev/null
head -c 600 fitted.model > cut.model
expect 4 "cut.model, line" predict --model cut.model --bfile good
sed 's/^variants\t.*/variants\t2171480000000000000/' fitted.model > count.model
expect 4 "count.model, line" predict --model count.model --bfile good
sed '2s/linear/cubic/' fitted.model > kernel.model
expect 4 "kernel.model, line 2: unknown kernel" predict --model kernel.model --bfile good
awk -F'\t' 'BEGIN { OFS = "\t" } $1 == "1" && !done { $4 = "Q"; done = 1 } { print }' fitted.model > alleles.model
expect 5 "has alleles" predict --model alleles.model --bfile good
expect 2 "applies when fitting, not with --model" predict --model fitted.model --bfile good --kernel gaussian
expect 2 "--chr applies when fitting, not with --model" predict --model fitted.model --bfile good --chr 1

rm -rf case && stderr=$("$ridgeway" "${assoc[@]}" --bfile good --out missing-folder/out 2>&1 >/dev/null)
status=$?
if [ $status -ne 3 ] || [[ "$stderr" != *"missing-folder does not exist"* ]]; then
  echo "FAIL: output folder that does not exist: exit $status: $stderr"; failures=$((failures + 1))
fi

# Sex chromosomes: malformed --par-region, --sex-specific without such samples, a sex code outside the accepted ones,
# non-PAR X variants without any known sex.
expect 2 "--par-region 'X:5-1': 'X:5-1' has no valid START-END" "${assoc[@]}" --bfile good --par-region X:5-1
expect 2 "--par-region '3:10-20': '3:10-20' is not on chromosome X" "${assoc[@]}" --bfile good --par-region 3:10-20
expect 2 "--sex-specific takes male or female, not 'men'" "${assoc[@]}" --bfile good --sex-specific men
awk '{ $5 = 2; print }' good.fam > females.fam && copy females good "bed bim"
expect 5 "--sex-specific male: no male sample among the 202 selected" "${assoc[@]}" --bfile females --sex-specific male
awk 'NR == 7 { $4 = "Q" } { print }' good.covar > badsex.covar
expect 4 "badsex.covar, line 7, column SEX: sex 'Q' is not 1/2, M/F, male/female or 0/-9/NA" "${assoc[@]}" \
  --bfile good --covar badsex.covar --covar-name AGE --sex-col SEX
awk '{ $1 = "X"; $4 = 3000000 + NR; print }' good.bim > nosex.bim && copy nosex good "bed fam"
awk '{ $5 = 0; print }' good.fam > nosex.fam
expect 5 "300 non-PAR chromosome X variants (--par-region hg38) but no sample's sex is known" "${assoc[@]}" \
  --bfile nosex

# Conditional analysis: an ID not among the analysed variants (named with the list's file and line), an empty list,
# an ID listed twice, an ID two variants carry, a conditioning variant constant among the analysed samples, a bad
# --condition-file FORMAT and --condition-file without --condition-list.
first=$(awk 'NR == 1 { print $2 }' good.bim) second=$(awk 'NR == 2 { print $2 }' good.bim)
printf '%s\nrsNOPE\n' "$first" > absent.list
expect 5 "absent.list, line 2: variant ID rsNOPE is not among the analysed variants" "${assoc[@]}" --bfile good \
  --condition-list absent.list
printf '%s\n' "$second" > second.list
expect 5 "second.list, line 1: variant ID $second is not among the analysed variants" "${assoc[@]}" --bfile good \
  --exclude second.list --condition-list second.list
printf '\n\n' > empty.list
expect 4 "empty.list: the --condition-list file lists no variant IDs" "${assoc[@]}" --bfile good --condition-list empty.list
printf '%s\n%s\n%s\n' "$first" "$second" "$first" > twice.list
expect 4 "twice.list, line 3: variant ID $first is listed twice (first on line 1)" "${assoc[@]}" --bfile good \
  --condition-list twice.list
awk -v id="$first" 'NR == 2 { $2 = id } { print }' OFS='\t' good.bim > dupid.bim && copy dupid good "bed fam"
printf '%s\n' "$first" > first.list
expect 5 "first.list, line 1: variant ID $first is carried by two variants" "${assoc[@]}" --bfile dupid \
  --condition-list first.list
copy constant && dd if=/dev/zero of=constant.bed bs=1 seek=3 count=51 conv=notrunc status=none
expect 5 "conditioning variant $first is constant (2) among the 199 samples analysed" "${assoc[@]}" --bfile constant \
  --condition-list first.list
expect 2 "--condition-file xyz,good: expected FORMAT,FILE with FORMAT bed, pgen, bgen, vcf or bcf" "${assoc[@]}" \
  --bfile good --condition-list first.list --condition-file xyz,good
expect 2 "--condition-file good: expected FORMAT,FILE" "${assoc[@]}" --bfile good --condition-list first.list \
  --condition-file good
expect 2 "--condition-file and --condition-file-sample need --condition-list" "${assoc[@]}" --bfile good \
  --condition-file bed,good
expect 2 "--condition-file-sample is the Oxford .sample file of a --condition-file bgen,FILE" "${assoc[@]}" \
  --bfile good --condition-list first.list --condition-file bed,good --condition-file-sample good.fam
awk '{ $1 = "X" $1; $2 = "X" $2; print }' good.fam > strangers.fam && copy strangers good "bed bim"
expect 5 "--condition-file strangers: none of the 199 analysed samples is in the file" "${assoc[@]}" --bfile good \
  --condition-list first.list --condition-file bed,strangers
# Whole-genome predictions (--print-prs, --use-prs), per-trait sample files, --force-qt and few-valued traits.
"$ridgeway" step1 --bfile good --pheno good.pheno --pheno-name Q1 --print-prs --out fit >/dev/null
expect 2 "--use-prs reads the whole-genome predictions of a --pred list (<out>_prs.list of step 1 with --print-prs); add --pred" \
  "${assoc[@]}" --bfile good --use-prs
expect 2 "unknown option for ridgeway assoc: --print-prs (an option of step1, gwas, not assoc)" "${assoc[@]}" --bfile good --print-prs
expect 2 "unknown option for ridgeway gwas: --use-prs (an option of assoc, not gwas)" gwas --bfile good --pheno good.pheno \
  --pheno-name Q1 --use-prs
expect 2 "unknown option for ridgeway step1: --write-samples (an option of assoc, gwas, not step1)" step1 --bfile good \
  --pheno good.pheno --pheno-name Q1 --write-samples
expect 2 "--print-pheno adds the trait's name to the files of --write-samples; add --write-samples" "${assoc[@]}" --bfile good --print-pheno
expect 2 "--force-qt analyses few-valued traits as quantitative; it excludes --bt" assoc --bfile good --pheno good.pheno \
  --pheno-name B1 --bt --force-qt
expect 4 "fit_1.loco, line 2: expected the whole-genome row 0 of a .prs file (--use-prs reads the files of --print-prs, not .loco files)" \
  "${assoc[@]}" --bfile good --pred fit_pred.list --use-prs
expect 4 "fit_1.prs, line 2: row 0 is a whole-genome prediction (a .prs file of --print-prs); read such files with --use-prs" \
  "${assoc[@]}" --bfile good --pred fit_prs.list
awk 'NR > 1 { if (NR % 2) $3 = "NA"; else $4 = "NA" } { print }' good.pheno > disjoint.pheno
expect 5 "no sample has every trait's value (--strict) and complete covariates" assoc --bfile good \
  --pheno disjoint.pheno --pheno-name Q1,Q2 --strict

# Genetic models and rank-based inverse normal transforms: contradicting or unavailable choices.
expect 2 "--test codominant: expected additive, dominant, recessive or genotypic" "${assoc[@]}" --bfile good --test codominant
expect 2 "--test" step1 --bfile good --pheno good.pheno --pheno-name Q1 --test dominant
expect 2 "--apply-rint transforms quantitative traits; not with --bt" assoc --bfile good --pheno good.pheno \
  --pheno-name B1 --bt --apply-rint
expect 2 "--apply-rint transforms quantitative traits; not with --bt" step1 --bfile good --pheno good.pheno \
  --pheno-name B1 --bt --apply-rint
expect 2 "--apply-rerint and --apply-rerint-cov transform quantitative traits; not with --bt" assoc --bfile good \
  --pheno good.pheno --pheno-name B1 --bt --apply-rerint
expect 2 "--apply-rerint and --apply-rerint-cov exclude each other" "${assoc[@]}" --bfile good --apply-rerint \
  --apply-rerint-cov
expect 2 "--apply-rint transforms the traits, --apply-rerint and --apply-rerint-cov their covariate residuals: give one" \
  "${assoc[@]}" --bfile good --apply-rint --apply-rerint-cov
expect 2 "--apply-rerint" step1 --bfile good --pheno good.pheno --pheno-name Q1 --apply-rerint
awk '{ $5 = 1 + NR % 2; print }' good.fam > allx.fam && cp nosex.bim allx.bim && cp good.bed allx.bed
plink2 --bfile allx --set-hh-missing --make-bed --out allxh >/dev/null  # no heterozygous male, so no warning
expect 5 "--test recessive: 300 non-PAR chromosome X variants left out (males carry one copy there" "${assoc[@]}" \
  --bfile allxh --test recessive

# A finished result survives a failed rerun under the same --out.
"$ridgeway" "${assoc[@]}" --bfile good --out keep >/dev/null
before=$(md5sum keep.Q1.linear.tsv.gz keep.Q1.linear.tsv.gz.tbi keep.log)
"$ridgeway" assoc --bfile good --pheno token.pheno --pheno-name Q1 --out keep >/dev/null 2>&1
status=$?
if [ $status -eq 0 ] || [ "$(md5sum keep.Q1.linear.tsv.gz keep.Q1.linear.tsv.gz.tbi keep.log)" != "$before" ] ||
   ls keep.*tmp* >/dev/null 2>&1; then
  echo "FAIL: a failed rerun changed or left files beside the earlier results"; failures=$((failures + 1))
fi

echo "$failures failures"
[ "$failures" -eq 0 ]
