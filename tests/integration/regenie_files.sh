#!/usr/bin/env bash
# regenie's files both ways, on 1000 Genomes Europeans (EUR_subset, chromosomes 17-22) and on a simulated cohort
# (chromosomes 1-10, with missing calls):
#  1. Step 1 writes regenie's documented .loco layout (regenie_layout.py): 23 rows, those of the chromosomes without
#     step-1 variants holding the whole-genome prediction, which --print-prs writes in regenie's .prs layout (the
#     fitted chromosomes' parts add up to it). assoc --pred reads these files and files with rows for
#     the fitted chromosomes only (as ridgeway wrote them before) with identical results, and tests a chromosome
#     step 1 did not see.
#  2. --format regenie writes CHISQ and LOG10P of the same statistic, with --test-stat t and normal.
#  3. --test-stat normal gives the formula of regenie's quantitative test (normal_test_oracle.py), without and with
#     LOCO predictions, on both data sets (missing calls mean-imputed on the simulated one).
#  4. With regenie 4.1 (REGENIE=/path/to/regenie, or regenie on the PATH; otherwise skipped, loudly): regenie's step 2
#     runs on ridgeway's step-1 files of both data sets and equals ridgeway's --test-stat normal on them, and on
#     EUR_subset ridgeway's --test-stat normal on regenie's own step-1 predictions equals regenie's step 2, to the
#     printed digits (BETA, SE, CHISQ, LOG10P, and A1FREQ and N); so do --test dominant and recessive, --apply-rint,
#     --apply-rerint and --apply-rerint-cov, without and with those predictions, and regenie's step 2 --use-prs on
#     ridgeway's .prs files against ridgeway's assoc --use-prs.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
layout() { /usr/bin/python3 "$here/regenie_layout.py" "$@"; }
oracle() { /usr/bin/python3 "$here/normal_test_oracle.py" "$@"; }

# Tables both tools read alike: regenie reads -9 as a value, so -9 becomes NA; CAT_COV is 0/1 (covars.numeric).
awk '{ for (i = 3; i <= NF; ++i) if ($i == "-9") $i = "NA"; print }' covars.numeric > eur.covar
awk '{ print $1, $2, $3 }' eur.covar > eur.pheno
eur=(--bfile EUR_subset --pheno eur.pheno --pheno-name PHENO --covar eur.covar --covar-name QCOV1,QCOV2,CAT_COV
     --threads 2)
# The samples step 2 tests: a trait value and every covariate.
awk 'NR > 1 && $3 != "NA" && $4 != "NA" && $5 != "NA" && $6 != "NA" { print $1, $2 }' eur.covar > eur.samples

"$ridgeway" simulate --n 1000 --m 10000 --seed 7 --quantitative 1 --binary 0 --out sim >/dev/null
sim=(--bfile sim --pheno sim.pheno --pheno-name Q1 --covar sim.covar --covar-name AGE,SEX,SITE,PC1,PC2 --threads 2)
awk 'NR == FNR { if (FNR > 1 && $3 != "NA") trait[$1 " " $2]; next }
     FNR > 1 && ($1 " " $2) in trait { for (i = 3; i <= NF; ++i) if ($i == "NA") next; print $1, $2 }' \
  sim.pheno sim.covar > sim.samples

# 1. Step 1's files in regenie's layout; older files with the fitted chromosomes only; a chromosome step 1 did not see.
"$ridgeway" step1 "${eur[@]}" --print-prs --out eur_step1 >/dev/null
layout pred-list eur_step1_pred.list eur.samples 17,18,19,20,21,22
layout prs-list eur_step1_prs.list eur_step1_pred.list 17,18,19,20,21,22
"$ridgeway" step1 "${sim[@]}" --out sim_step1 >/dev/null
layout pred-list sim_step1_pred.list sim.samples 1,2,3,4,5,6,7,8,9,10
awk 'NR == 1 || ($1 >= 17 && $1 <= 22)' eur_step1_1.loco > fitted_only.loco
printf 'PHENO fitted_only.loco\n' > fitted_only_pred.list
"$ridgeway" assoc --no-report "${eur[@]}" --pred eur_step1_pred.list --out all_rows >/dev/null
"$ridgeway" assoc --no-report "${eur[@]}" --pred fitted_only_pred.list --out fitted_rows >/dev/null
cmp <(zcat all_rows.PHENO.linear.tsv.gz) <(zcat fitted_rows.PHENO.linear.tsv.gz) ||
  { echo "FAIL: assoc --pred gives other results from a file with the fitted chromosomes' rows only"; exit 1; }
"$ridgeway" step1 "${eur[@]}" --chr 17-21 --out no22 >/dev/null
layout pred-list no22_pred.list eur.samples 17,18,19,20,21
"$ridgeway" assoc --no-report "${eur[@]}" --chr 22 --pred no22_pred.list --out unseen >/dev/null
echo "assoc --pred: 23-row files and fitted-chromosome-only files alike; chromosome 22 tested without step-1 variants"

# 2 and 3. CHISQ and LOG10P agree; --test-stat normal is regenie's formula.
"$ridgeway" assoc --no-report "${eur[@]}" --pred eur_step1_pred.list --format regenie --out eur_t >/dev/null
"$ridgeway" assoc --no-report "${eur[@]}" --pred eur_step1_pred.list --format regenie --test-stat normal \
  --out eur_normal >/dev/null
grep -q -- "--test-stat normal: regenie's step-2 statistic" eur_normal.log
"$ridgeway" assoc --no-report "${eur[@]}" --format regenie --test-stat normal --out eur_plain >/dev/null
"$ridgeway" assoc --no-report "${sim[@]}" --pred sim_step1_pred.list --format regenie --test-stat normal \
  --out sim_normal >/dev/null
layout results eur_t_PHENO.regenie eur_normal_PHENO.regenie eur_plain_PHENO.regenie sim_normal_Q1.regenie
oracle EUR_subset eur.pheno PHENO eur.covar QCOV1,QCOV2,CAT_COV eur_plain_PHENO.regenie
oracle EUR_subset eur.pheno PHENO eur.covar QCOV1,QCOV2,CAT_COV eur_normal_PHENO.regenie eur_step1_pred.list
oracle sim sim.pheno Q1 sim.covar AGE,SEX,SITE,PC1,PC2 sim_normal_Q1.regenie sim_step1_pred.list

# 4. regenie itself.
regenie=${REGENIE:-$(command -v regenie || true)}
if [ -z "$regenie" ] || [ ! -x "$regenie" ]; then
  echo "SKIPPED: no regenie binary (set REGENIE=/path/to/regenie): regenie's own step 1 and step 2 were not run" |
    tee /dev/stderr
  exit 0
fi
"$regenie" --version
# regenie's default --minMAC 5 leaves out rarer variants; ridgeway's --mac 5 does the same.
regenie_eur=(--bed EUR_subset --phenoFile eur.pheno --phenoCol PHENO --covarFile eur.covar
             --covarColList QCOV1,QCOV2,CAT_COV --qt --threads 2)
regenie_sim=(--bed sim --phenoFile sim.pheno --phenoCol Q1 --covarFile sim.covar --covarColList AGE,SEX,PC1,PC2
             --catCovarList SITE --qt --threads 2)
for data in eur sim; do
  if [ $data = eur ]; then trait=PHENO regenie_args=("${regenie_eur[@]}") args=("${eur[@]}")
  else trait=Q1 regenie_args=("${regenie_sim[@]}") args=("${sim[@]}"); fi
  "$regenie" --step 2 "${regenie_args[@]}" --pred ${data}_step1_pred.list --bsize 400 \
    --out regenie_on_${data}_step1 >/dev/null ||
    { echo "FAIL: regenie's step 2 rejects ridgeway's step 1 on $data"; exit 1; }
  "$ridgeway" assoc --no-report "${args[@]}" --pred ${data}_step1_pred.list --format regenie --test-stat normal \
    --mac 5 --out ridgeway_on_${data}_step1 >/dev/null
  layout compare regenie_on_${data}_step1_$trait.regenie ridgeway_on_${data}_step1_$trait.regenie
done
"$regenie" --step 2 "${regenie_eur[@]}" --pred eur_step1_prs.list --use-prs --bsize 400 --out regenie_prs >/dev/null ||
  { echo "FAIL: regenie's step 2 --use-prs rejects ridgeway's .prs files"; exit 1; }
"$ridgeway" assoc --no-report "${eur[@]}" --pred eur_step1_prs.list --use-prs --format regenie --test-stat normal \
  --mac 5 --out ridgeway_prs >/dev/null
layout compare regenie_prs_PHENO.regenie ridgeway_prs_PHENO.regenie
# regenie's step 1 stops at a variant without variance (one heterozygous in every sample): it gets QC'ed variants,
# a fifth of them to keep it short.
plink2 --bfile EUR_subset --maf 0.01 --hwe 1e-15 --write-snplist --out qc >/dev/null
awk 'NR % 5 == 0' qc.snplist > step1.snplist
"$regenie" --step 1 "${regenie_eur[@]}" --extract step1.snplist --bsize 1000 --out regenie_step1 >/dev/null
layout pred-list regenie_step1_pred.list eur.samples 17,18,19,20,21,22  # the parser reads regenie's own files
"$regenie" --step 2 "${regenie_eur[@]}" --pred regenie_step1_pred.list --bsize 400 --out regenie_on_regenie >/dev/null
"$ridgeway" assoc --no-report "${eur[@]}" --pred regenie_step1_pred.list --format regenie --test-stat normal --mac 5 \
  --out ridgeway_on_regenie >/dev/null
layout compare regenie_on_regenie_PHENO.regenie ridgeway_on_regenie_PHENO.regenie
echo "regenie 4.1's step 2 reads ridgeway's step 1; ridgeway --test-stat normal equals regenie's step 2"

# The genetic models and the rank-based inverse normal transforms, without and with regenie's step-1 predictions.
for option in "--test dominant" "--test recessive" --apply-rint --apply-rerint --apply-rerint-cov; do
  for pred in --ignore-pred regenie_step1_pred.list; do
    regenie_pred=(--ignore-pred) ridgeway_pred=()
    [ $pred != --ignore-pred ] && regenie_pred=(--pred $pred) ridgeway_pred=(--pred $pred)
    "$regenie" --step 2 "${regenie_eur[@]}" $option "${regenie_pred[@]}" --bsize 400 --out regenie_option >/dev/null
    "$ridgeway" assoc --no-report "${eur[@]}" $option "${ridgeway_pred[@]}" --format regenie --test-stat normal \
      --mac 5 --out ridgeway_option >/dev/null
    echo "$option, ${regenie_pred[*]}:"
    layout compare regenie_option_PHENO.regenie ridgeway_option_PHENO.regenie
  done
done
