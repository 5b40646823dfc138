#!/usr/bin/env bash
# Split runs (--split N, --run-part I, --merge) give the files of a single process, byte for byte: step 1's .loco
# files (quantitative and case/control traits), assoc's result files in every layout (tsv with its tabix index,
# regenie, ssf with its metadata) and the report's plots, and predict's predictions, accuracy, cross-validation table
# and model (linear kernel on calls; gaussian on dosages, whose parts run with another --threads than the merge), for
# 1, 3 and 7 parts. A part run with another command line, a part file of another run, a missing and a truncated part
# are errors that name the file and leave no final file (and an earlier merge's results untouched).
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
"$ridgeway" simulate --n 2000 --m 12000 --quantitative 2 --binary 1 --prevalence 0.2 --seed 5 --threads 2 \
  --out cohort >/dev/null
inputs=(--bfile cohort --pheno cohort.pheno --covar cohort.covar --threads 2)
step1_q=(step1 "${inputs[@]}" --pheno-name Q1,Q2 --bsize 500)
step1_b=(step1 "${inputs[@]}" --pheno-name B1 --bt --bsize 500)
assoc_q=(assoc "${inputs[@]}" --pheno-name Q1,Q2 --pred single_q_pred.list)
assoc_b=(assoc "${inputs[@]}" --pheno-name B1 --bt --firth --pThresh 0.2 --pred single_b_pred.list)

# split PREFIX PARTS COMMAND...: the plan, the parts in reverse order, then the merge.
split() {
  local prefix=$1 parts=$2
  shift 2
  "$ridgeway" "$@" --split "$parts" --out "$prefix" >/dev/null
  for ((i = parts; i >= 1; i--)); do "$ridgeway" "$@" --run-part "$i" --out "$prefix" >/dev/null; done
  "$ridgeway" "$@" --merge --out "$prefix" >/dev/null
}
same() { cmp "$1" "$2" || { echo "FAIL: $2 differs from the single run's $1"; exit 1; }; }
# fails CODE FRAGMENT COMMAND...: the command must exit with CODE and one line on stderr containing FRAGMENT.
fails() {
  local code=$1 fragment=$2 status=0 stderr
  shift 2
  stderr=$("$ridgeway" "$@" 2>&1 >/dev/null) || status=$?
  if [ "$status" -ne "$code" ] || [[ "$stderr" != *"$fragment"* ]] || [ "$(printf '%s\n' "$stderr" | grep -c .)" -ne 1 ]; then
    echo "FAIL: ridgeway $*: expected exit $code and '$fragment'; got exit $status: $stderr"
    exit 1
  fi
}

"$ridgeway" "${step1_q[@]}" --out single_q >/dev/null
"$ridgeway" "${step1_b[@]}" --out single_b >/dev/null
for parts in 1 3 7; do
  split q$parts "$parts" "${step1_q[@]}"
  for k in 1 2; do same single_q_$k.loco q${parts}_$k.loco; done
done
split b3 3 "${step1_b[@]}"
same single_b_1.loco b3_1.loco
grep -q "Level 0: 30 blocks read from 3 part files" b3.log
grep -q "level-0 blocks 1 to 10 of 30 (4100 variants" b3.part1.log

"$ridgeway" "${assoc_q[@]}" --out single_q >/dev/null
"$ridgeway" "${assoc_q[@]}" --format regenie --no-report --out single_q >/dev/null
"$ridgeway" "${assoc_q[@]}" --format ssf --no-report --out single_q >/dev/null
"$ridgeway" "${assoc_b[@]}" --no-report --out single_b >/dev/null
[ "$(zcat single_b.B1.logistic.tsv.gz | grep -c FIRTH)" -gt 100 ]
for parts in 1 3 7; do
  split aq$parts "$parts" "${assoc_q[@]}"
  split ab$parts "$parts" "${assoc_b[@]}" --no-report
  for t in Q1 Q2; do
    for f in linear.tsv.gz linear.tsv.gz.tbi manhattan.svg qq.svg loci.tsv; do same single_q.$t.$f aq$parts.$t.$f; done
  done
  same single_b.B1.logistic.tsv.gz ab$parts.B1.logistic.tsv.gz
done
split rq7 7 "${assoc_q[@]}" --format regenie --no-report
split sq3 3 "${assoc_q[@]}" --format ssf --no-report
for t in Q1 Q2; do
  same single_q_$t.regenie rq7_$t.regenie
  same single_q.$t.ssf.tsv.gz sq3.$t.ssf.tsv.gz
  same single_q.$t.ssf.tsv.gz.tbi sq3.$t.ssf.tsv.gz.tbi
  sed 's/sq3/single_q/' sq3.$t.ssf.tsv.gz-meta.yaml | diff - single_q.$t.ssf.tsv.gz-meta.yaml
done
grep -q "Association results read from 7 part files; the parts took" aq7.log

# A part run with other options than the plan's is refused before any work.
fails 5 "aq3.split: the plan was written by another command line" "${assoc_q[@]}" --maf 0.01 --run-part 2 --out aq3
fails 2 "--run-part 4: the plan aq3.split has 3 parts" "${assoc_q[@]}" --run-part 4 --out aq3
fails 3 "nothere.split: no split plan" "${assoc_q[@]}" --run-part 1 --out nothere
# A part file of another run (another --out) or a truncated one: the merge fails and the earlier merge's results stay.
cp aq3.part2.assoc kept.assoc
cp aq7.part2.assoc aq3.part2.assoc
fails 5 "aq3.part2.assoc: belongs to another plan, command line or input files" "${assoc_q[@]}" --merge --out aq3
head -c -100 kept.assoc > aq3.part2.assoc
fails 4 "aq3.part2.assoc: holds" "${assoc_q[@]}" --merge --out aq3
same single_q.Q1.linear.tsv.gz aq3.Q1.linear.tsv.gz
cp q7.part1.level0 q3.part1.level0
fails 5 "q3.part1.level0: computed with other options or input files than the plan" "${step1_q[@]}" --merge --out q3
same single_q_1.loco q3_1.loco
# A missing part: one-line error naming it, and no final file of the merge.
"$ridgeway" "${step1_q[@]}" --split 3 --out missing >/dev/null
"$ridgeway" "${step1_q[@]}" --run-part 1 --out missing >/dev/null
"$ridgeway" "${step1_q[@]}" --run-part 3 --out missing >/dev/null
fails 3 "missing.part2.level0: part file missing" "${step1_q[@]}" --merge --out missing
left=$(ls missing* | grep -v -e '^missing\.split' -e '^missing\.part[13]\.' -e '^missing\.failed\.log$' || true)
[ -z "$left" ] || { echo "FAIL: a failed merge left $left"; exit 1; }

# predict: the parts are column tiles of the training products (1,024 training samples each); 6,272 training samples
# make 7 tiles.
"$ridgeway" simulate --n 8000 --m 1500 --quantitative 2 --binary 0 --seed 11 --threads 2 --out pcohort >/dev/null
predict_l=(predict --bfile pcohort --pheno pcohort.pheno --kernel linear --form dual --h2-grid 0.3,0.6 --cv 2
  --test-fraction 0.2 --seed 3 --threads 2)
"$ridgeway" "${predict_l[@]}" --out single_p >/dev/null
for parts in 1 3 7; do
  split p$parts "$parts" "${predict_l[@]}"
  for f in predictions.tsv accuracy.tsv cv.tsv model; do same single_p.$f p$parts.$f; done
done
grep -q "total 7 tiles" p7.split
grep -q "Training products read from 7 part files" p7.log
grep -q "Part 2 of 3: training-product tiles 2 to 3 of 7" p3.part2.log
# Dosages: FP64 products whose bytes do not depend on the thread count, so parts on one thread merge into the
# files of a two-thread single run.
plink2 --bfile pcohort --export vcf bgz --out pcalls >/dev/null
/usr/bin/python3 "$here/make_dosage_vcf.py" pcalls.vcf.gz pdosages.vcf 1000000 3
bgzip -f pdosages.vcf
predict_g=(predict --vcf pdosages.vcf.gz --id-delim _ --pheno pcohort.pheno --kernel gaussian --bandwidths 1
  --h2-grid 0.3,0.7 --cv 2 --test-fraction 0.2 --seed 3)
"$ridgeway" "${predict_g[@]}" --threads 2 --out single_g >/dev/null
"$ridgeway" "${predict_g[@]}" --split 3 --out g3 >/dev/null
for i in 3 1 2; do "$ridgeway" "${predict_g[@]}" --threads 1 --run-part $i --out g3 >/dev/null; done
"$ridgeway" "${predict_g[@]}" --threads 2 --merge --out g3 >/dev/null
for f in predictions.tsv accuracy.tsv cv.tsv model; do same single_g.$f g3.$f; done
# Refused: more parts than tiles, the primal form (no tiles), --model; a part of another run, a truncated part.
fails 2 "--split 8: this run has only 7 column tiles" "${predict_l[@]}" --split 8 --out p8
fails 2 "this fit takes the primal form" predict --bfile pcohort --pheno pcohort.pheno --split 2 --out pprimal
fails 2 "apply when fitting, not with --model" predict --model single_p.model --bfile pcohort --split 2 --out pm
cp p3.part2.gram kept.gram
cp g3.part2.gram p3.part2.gram
fails 5 "p3.part2.gram: belongs to another plan, command line or input files" "${predict_l[@]}" --merge --out p3
head -c -100 kept.gram > p3.part2.gram
fails 4 "p3.part2.gram: holds" "${predict_l[@]}" --merge --out p3
same single_p.model p3.model
echo "split runs of step1, assoc and predict with 1, 3 and 7 parts are byte-identical to single runs; bad parts are refused"
