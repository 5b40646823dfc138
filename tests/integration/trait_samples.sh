#!/usr/bin/env bash
# Which samples each trait uses, on a simulated cohort with missing trait values and covariates:
#  1. --write-samples lists, per trait, the samples with the trait and every covariate, in .fam order (computed here
#     with awk), as regenie's .ids files: <out>_<TRAIT>.regenie.ids with --format regenie (--print-pheno adds the
#     line "TRAIT<tab>NA"), <out>.<TRAIT>.ids otherwise; as many as the largest N of the trait's results; without
#     the samples whose step-1 prediction is NA; and the same file from a split run's merge.
#  2. --strict gives the bytes of a run restricted by --keep to the samples with every trait, in step 1 (.loco),
#     assoc (quantitative and case/control) and gwas; each trait's .ids are then the same; and a step 2 without
#     --strict on a --strict step 1's predictions is an error naming --strict.
#  3. Few-valued traits: without --bt, a trait with two distinct values (1/2 or 0/1) gets a warning in step 1 and
#     step 2 pointing to --bt and --force-qt, also under regenie's --step 2 (where regenie stops); --force-qt
#     silences it, and a trait with three values gets none.
set -euo pipefail
ridgeway=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
fail() { echo "FAIL: $*"; exit 1; }

"$ridgeway" simulate --n 600 --m 2000 --chromosomes 2 --quantitative 2 --binary 1 --prevalence 0.3 --seed 22 \
  --threads 2 --out sim >/dev/null
# Q1 missing on every 7th line, Q2 on lines 3 mod 11, B1 on every 5th; B2 is Q2 above 0 (missing with Q2); T3 has
# three values, Z01 two (0/1). AGE is missing on every 13th line.
awk 'NR == 1 { print $0, "B2", "T3", "Z01"; next }
     { if (NR % 7 == 0) $3 = "NA"; if (NR % 11 == 3) $4 = "NA"; if (NR % 5 == 0) $5 = "NA"
       print $0, ($4 == "NA") ? "NA" : ($4 > 0) ? 2 : 1, NR % 3, NR % 2 }' sim.pheno > traits.pheno
awk 'NR > 1 && NR % 13 == 0 { $3 = "NA" } { print }' sim.covar > traits.covar
data=(--bfile sim --pheno traits.pheno --covar traits.covar --covar-name AGE,SEX,PC1,PC2 --threads 2)
inputs=("${data[@]}" --no-report)  # assoc and gwas
# with_values COLUMNS...: the samples (FID<tab>IID, .fam order) with a value in every given column of traits.pheno
# (3 = Q1, 4 = Q2, 5 = B1, 6 = B2) and the covariates AGE, SEX, PC1 and PC2 (columns 3, 4, 6 and 7 of traits.covar).
with_values() {
  awk -v columns="$*" 'BEGIN { n = split(columns, c, " ") }
       FILENAME == "traits.covar" { if (FNR > 1 && $3 != "NA" && $4 != "NA" && $6 != "NA" && $7 != "NA")
                                      covariates[$1 " " $2]; next }
       FNR > 1 { for (i = 1; i <= n; ++i) if ($c[i] == "NA") next; if (($1 " " $2) in covariates) print $1 "\t" $2 }' \
    traits.covar traits.pheno
}
with_values 3 > expected_Q1.ids
with_values 3 4 > expected_Q1Q2.ids
with_values 5 6 > expected_B1B2.ids
[ "$(wc -l < expected_Q1.ids)" -gt "$(wc -l < expected_Q1Q2.ids)" ] || fail "Q2's missing values remove no sample"

# 1. --write-samples.
"$ridgeway" assoc "${inputs[@]}" --pheno-name Q1,Q2 --write-samples --out tsv >/dev/null
cmp tsv.Q1.ids expected_Q1.ids || fail "tsv.Q1.ids: not the samples with Q1 and the covariates"
"$ridgeway" assoc "${inputs[@]}" --pheno-name Q1,Q2 --write-samples --print-pheno --format regenie --out reg >/dev/null
cmp reg_Q1.regenie.ids <(printf 'Q1\tNA\n'; cat expected_Q1.ids) || fail "reg_Q1.regenie.ids with --print-pheno"
largest_n=$(awk 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "N") n = i; next } $n > m { m = $n } END { print m }' \
  reg_Q1.regenie)
[ "$largest_n" -eq "$(wc -l < expected_Q1.ids)" ] || fail "Q1's largest N is $largest_n, its .ids have $(wc -l < expected_Q1.ids)"
"$ridgeway" step1 "${data[@]}" --pheno-name Q1 --bsize 500 --out fit >/dev/null
awk 'NR == 1 { print; next } { $3 = $4 = $5 = "NA"; print }' fit_1.loco > holes.loco
echo "Q1 holes.loco" > holes.list
"$ridgeway" assoc "${inputs[@]}" --pheno-name Q1 --pred holes.list --write-samples --out holes >/dev/null
no_prediction=$(head -1 fit_1.loco | cut -d' ' -f3-5)
for id in $no_prediction; do grep -q "^${id%%_*}	${id#*_}\$" expected_Q1.ids && lacking=$id; done
[ -n "${lacking:-}" ] || fail "the samples without a prediction have no Q1 value anyway"
cmp holes.Q1.ids <(grep -v -F -f <(for id in $no_prediction; do printf '%s\t%s\n' "${id%%_*}" "${id#*_}"; done) \
  expected_Q1.ids) || fail "holes.Q1.ids: the samples without a step-1 prediction are not left out"
split_args=("${inputs[@]}" --pheno-name Q1,Q2 --write-samples --print-pheno --format regenie)
"$ridgeway" assoc "${split_args[@]}" --split 2 --out split >/dev/null
for part in 1 2; do "$ridgeway" assoc "${split_args[@]}" --run-part $part --out split >/dev/null; done
[ ! -e split_Q1.regenie.ids ] || fail "a part wrote split_Q1.regenie.ids"
"$ridgeway" assoc "${split_args[@]}" --merge --out split >/dev/null
for trait in Q1 Q2; do cmp reg_$trait.regenie.ids split_$trait.regenie.ids || fail "split_$trait.regenie.ids"; done
echo "ok   --write-samples: each trait's samples, regenie's names and --print-pheno, predictions, split runs"

# 2. --strict equals --keep of the samples with every trait.
cut -f1,2 expected_Q1Q2.ids > complete_q.keep
cut -f1,2 expected_B1B2.ids > complete_b.keep
same() { cmp "$1" "$2" || fail "$2 differs from $1"; }
"$ridgeway" assoc "${inputs[@]}" --pheno-name Q1,Q2 --strict --write-samples --format regenie --out strict >/dev/null
"$ridgeway" assoc "${inputs[@]}" --pheno-name Q1,Q2 --keep complete_q.keep --write-samples --format regenie \
  --out kept >/dev/null
for trait in Q1 Q2; do
  same kept_$trait.regenie strict_$trait.regenie
  same expected_Q1Q2.ids strict_$trait.regenie.ids
done
incomplete=$(awk 'NR > 1 && ($3 == "NA" || $4 == "NA")' traits.pheno | wc -l)
grep -q -- "--strict: $incomplete samples missing a value of some trait left out" strict.log ||
  fail "strict.log does not count the samples --strict left out: $(grep -- --strict strict.log)"
if cmp -s reg_Q1.regenie strict_Q1.regenie; then fail "--strict changes nothing in Q1's results"; fi
"$ridgeway" step1 "${data[@]}" --pheno-name Q1,Q2 --bsize 500 --strict --out strict_fit >/dev/null
"$ridgeway" step1 "${data[@]}" --pheno-name Q1,Q2 --bsize 500 --keep complete_q.keep --out kept_fit >/dev/null
for k in 1 2; do same kept_fit_$k.loco strict_fit_$k.loco; done
"$ridgeway" gwas "${inputs[@]}" --pheno-name Q1,Q2 --bsize 500 --strict --format regenie --out strict_gwas >/dev/null
"$ridgeway" gwas "${inputs[@]}" --pheno-name Q1,Q2 --bsize 500 --keep complete_q.keep --format regenie \
  --out kept_gwas >/dev/null
for trait in Q1 Q2; do same kept_gwas_$trait.regenie strict_gwas_$trait.regenie; done
"$ridgeway" assoc "${inputs[@]}" --pheno-name B1,B2 --bt --strict --format regenie --out strict_bt >/dev/null
"$ridgeway" assoc "${inputs[@]}" --pheno-name B1,B2 --bt --keep complete_b.keep --format regenie --out kept_bt >/dev/null
for trait in B1 B2; do same kept_bt_$trait.regenie strict_bt_$trait.regenie; done
status=0
"$ridgeway" assoc "${inputs[@]}" --pheno-name Q1,Q2 --pred strict_fit_pred.list --out mixed >/dev/null 2>mixed.err ||
  status=$?
[ "$status" -eq 5 ] && grep -q -- "--strict" mixed.err ||
  fail "step 2 without --strict on a --strict step 1 exited $status: $(cat mixed.err)"
echo "ok   --strict: the bytes of --keep of the complete samples in step1, assoc (--qt and --bt) and gwas"

# 3. Few-valued traits.
warned() {  # FRAGMENT ARGS...: ridgeway ARGS succeeds with FRAGMENT among its warnings
  local fragment=$1
  shift
  "$ridgeway" "$@" --out warned >/dev/null 2>warned.err || fail "ridgeway $* failed: $(cat warned.err)"
  grep -q -F -- "$fragment" warned.err && grep -q -F -- "$fragment" warned.log || fail "ridgeway $*: no warning: $(cat warned.err)"
}
warned "trait B1 has 2 distinct values (1, 2) among its analysed samples and is analysed as quantitative: a case/control trait needs --bt" \
  assoc "${inputs[@]}" --pheno-name B1
warned "trait Z01 has 2 distinct values (0, 1)" step1 "${data[@]}" --pheno-name Q1,Z01
warned "--force-qt confirms a linear model" --step 2 --bed sim --phenoFile traits.pheno --phenoCol B1
"$ridgeway" assoc "${inputs[@]}" --pheno-name B1,Z01 --force-qt --out forced >/dev/null 2>forced.err
grep -q "Trait B1: 2 distinct values (1, 2), analysed as quantitative as --force-qt asks" forced.log ||
  fail "forced.log does not say that --force-qt let B1 through"
! grep -q "distinct value" forced.err || fail "--force-qt still warns: $(cat forced.err)"
"$ridgeway" assoc "${inputs[@]}" --pheno-name T3 --out three >/dev/null 2>three.err
! grep -q "distinct value" three.err || fail "a three-valued trait got a warning: $(cat three.err)"
echo "ok   few-valued traits: a warning without --bt or --force-qt (step1, assoc, --step 2); --force-qt silences it"
