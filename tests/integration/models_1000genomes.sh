#!/usr/bin/env bash
# --test dominant and recessive on 1000 Genomes Europeans (Debian's bolt-lmm-example), PHENO and the case/control CASE
# with QCOV1, QCOV2 and CAT_COV as in plink2_1000genomes.sh:
# - linear, every variant, against plink2 --glm dominant/recessive omit-ref (A1 = .bim column 5, ridgeway's counted
#   allele) to PLINK 2's printed precision, A1_FREQ included (compare_with_plink2.py: it stays the additive one);
#   likewise on dosages (a VCF with fractional DS on 3,000 variants of chromosome 22);
# - exact Firth with Wald p-values on chromosome 22 against plink2 --glm firth dominant/recessive
#   (compare_firth_with_plink2.py, its independent solver on the coded genotypes; a recessive coding without any A1
#   homozygote is CONST_ALLELE in ridgeway, FIRTH_CONVERGE_FAIL in plink2);
# - every other step-2 mode (--test-stat normal; score test, --firth LRT, --firth --approx, --spa): the statistics of
#   --test MODEL equal, byte for byte, those of the additive test of a copy of the .bed recoded to MODEL
#   (recode_bed.py), and the allele frequencies those of the additive run, on chromosome 22; also in regenie's layout
#   (TEST DOM/REC);
# - a split run (--split 3, parts, --merge) and a run with one thread give the bytes of a run with two;
# - non-PAR chromosome X (make_chrx_eur.py): left out when males are analysed, as plink2 does; with --sex-specific
#   female the non-PAR variants are tested, against plink2 --keep-females.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
plink_covariates=(--covar covars.numeric --covar-name QCOV1,QCOV2,CAT_COV --threads 2)
case_trait=(--bt --pheno case.pheno --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2
            --no-report)

for model in dominant recessive; do
  plink2 --bfile EUR_subset --pheno EUR_subset.pheno2.covars --pheno-name PHENO "${plink_covariates[@]}" \
    --glm hide-covar omit-ref $model cols=+a1freq --out plink_$model >/dev/null
  "$ridgeway" assoc --bfile EUR_subset "${traits[@]}" --test $model --out q_$model >/dev/null
  grep -q -- "--test $model: the $model model" q_$model.log
  echo -n "linear, $model: "
  /usr/bin/python3 "$here/compare_with_plink2.py" q_$model.PHENO.linear.tsv.gz plink_$model.PHENO.glm.linear

  plink2 --bfile EUR_subset --pheno case.pheno --pheno-name CASE "${plink_covariates[@]}" --chr 22 \
    --glm firth hide-covar omit-ref $model --out plink_$model >/dev/null
  "$ridgeway" assoc --bfile EUR_subset "${case_trait[@]}" --chr 22 --test $model --firth --firth-wald --pThresh 1 \
    --out f_$model >/dev/null
  echo "Firth, $model:"
  /usr/bin/python3 "$here/compare_firth_with_plink2.py" f_$model.CASE.logistic.tsv.gz plink_$model.CASE.glm.firth \
    "$here" model=$model
done

# Dosages (make_dosage_vcf.py: fractional DS on 3,000 variants), coded min(d, 1) and max(d - 1, 0) as plink2 does.
# plink2 keeps dosages on a grid of 1/16384 where ridgeway keeps the VCF's DS exactly; recessive coding leaves only
# the part above 1 of the few dosages there, so that rounding moves BETA and SE by up to 3e-4 relative: 1e-3.
plink2 --bfile EUR_subset --chr 22 --export vcf bgz --out calls >/dev/null
/usr/bin/python3 "$here/make_dosage_vcf.py" calls.vcf.gz dosages.vcf 3000 1
bgzip -f dosages.vcf
for model in dominant recessive; do
  plink2 --vcf dosages.vcf.gz dosage=DS --id-delim _ --pheno EUR_subset.pheno2.covars --pheno-name PHENO \
    "${plink_covariates[@]}" --glm hide-covar omit-ref $model cols=+a1freq --out plink_ds_$model >/dev/null
  "$ridgeway" assoc --vcf dosages.vcf.gz --id-delim _ "${traits[@]}" --test $model --out ds_$model >/dev/null
  echo -n "dosages, $model: "
  /usr/bin/python3 "$here/compare_with_plink2.py" ds_$model.PHENO.linear.tsv.gz plink_ds_$model.PHENO.glm.linear 1e-3
done

# Every mode: --test MODEL on the .bed against the additive test of the recoded .bed. The statistics (all columns but
# the allele frequencies) must be the same bytes, the allele frequencies those of the additive run.
without_frequencies() { zcat "$1" | awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { for (i = 1; i <= NF; ++i)
  if ($i ~ /A1FREQ/) drop[i] = 1 } { line = ""; for (i = 1; i <= NF; ++i) if (!drop[i]) line = line $i OFS; print line }'; }
frequencies() { zcat "$1" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i ~ /A1FREQ/) keep[i] = 1 }
  { line = ""; for (i = 1; i <= NF; ++i) if (keep[i]) line = line $i " "; print line }'; }
# The additive runs whose frequencies every mode must give (they do not depend on the mode).
"$ridgeway" assoc --bfile EUR_subset --chr 22 "${traits[@]}" --out a_linear >/dev/null
"$ridgeway" assoc --bfile EUR_subset --chr 22 "${case_trait[@]}" --out a_logistic >/dev/null
same_test() {  # NAME TRAIT_FILE_SUFFIX ARGS...: --test $model on EUR_subset against the additive test of recoded
  local name=$1 suffix=$2
  shift 2
  "$ridgeway" assoc --bfile EUR_subset --chr 22 "$@" --test $model --out m_$name >/dev/null
  "$ridgeway" assoc --bfile recoded --chr 22 "$@" --out r_$name >/dev/null
  cmp <(without_frequencies m_$name.$suffix) <(without_frequencies r_$name.$suffix) ||
    { echo "FAIL: --test $model $name: statistics differ from the recoded file's"; exit 1; }
  local kind=${suffix#*.}
  cmp <(frequencies m_$name.$suffix) <(frequencies a_${kind%%.*}.$suffix) ||
    { echo "FAIL: --test $model $name: allele frequencies differ from the additive run's"; exit 1; }
}
for model in dominant recessive; do
  /usr/bin/python3 "$here/recode_bed.py" EUR_subset recoded $model  # then every test on chromosome 22
  same_test normal PHENO.linear.tsv.gz "${traits[@]}" --test-stat normal
  same_test score CASE.logistic.tsv.gz "${case_trait[@]}"
  same_test spa CASE.logistic.tsv.gz "${case_trait[@]}" --spa
  same_test approx CASE.logistic.tsv.gz "${case_trait[@]}" --firth --approx
  same_test firth CASE.logistic.tsv.gz "${case_trait[@]}" --firth
  for name in score spa approx firth; do
    zcat m_$name.CASE.logistic.tsv.gz | cut -f13 | sort | uniq -c | tr '\n' ' ' | sed "s/^/$model $name: /"
    echo
  done
done
echo "--test-stat normal, score, SPA, approximate and exact Firth: the recoded file's statistics, additive frequencies"

"$ridgeway" assoc --bfile EUR_subset "${traits[@]}" --test recessive --format regenie --out rg >/dev/null
[ "$(awk 'NR == 2 { print $8 }' rg_PHENO.regenie)" = REC ] || { echo "FAIL: regenie layout's TEST is not REC"; exit 1; }

# A split run gives the single run's bytes.
split_run=("$ridgeway" assoc --bfile EUR_subset --chr 22 "${case_trait[@]}" --test recessive --spa)
"${split_run[@]}" --split 3 --out split >/dev/null
for part in 3 1 2; do "${split_run[@]}" --run-part $part --out split >/dev/null; done
"${split_run[@]}" --merge --out split >/dev/null
cmp <(zcat split.CASE.logistic.tsv.gz) <(zcat m_spa.CASE.logistic.tsv.gz)
"$ridgeway" assoc --bfile EUR_subset --chr 22 --bt --pheno case.pheno --covar EUR_subset.pheno2.covars \
  --covar-name QCOV1-QCOV2,CAT_COV --threads 1 --no-report --test recessive --spa --out one_thread >/dev/null
cmp <(zcat one_thread.CASE.logistic.tsv.gz) <(zcat m_spa.CASE.logistic.tsv.gz)
echo "--split 3 / --run-part / --merge, and --threads 1: the single run's bytes"

# Non-PAR X: left out when males are analysed (plink2 leaves them out too), tested with females only.
/usr/bin/python3 "$here/make_chrx_eur.py" chrx >/dev/null
x_plink=(plink2 --bfile chrx --pheno chrx.pheno --pheno-name QX --covar covars.numeric --covar-name QCOV2,CAT_COV
         --threads 2 --split-par hg38)
x_mine=("$ridgeway" assoc --bfile chrx --pheno chrx.pheno --pheno-name QX --covar covars.numeric
        --covar-name QCOV2,CAT_COV --threads 2 --no-report)
"${x_plink[@]}" --glm hide-covar omit-ref dominant --out xall >/dev/null
"${x_mine[@]}" --test dominant --out xall >/dev/null
grep -q -- "--test dominant: 2820 non-PAR chromosome X variants left out (males carry one copy there" xall.log
echo -n "chromosome X, dominant, PARs: "
/usr/bin/python3 "$here/compare_with_plink2.py" xall.QX.linear.tsv.gz xall.QX.glm.linear
[ "$(zcat xall.QX.linear.tsv.gz | tail -n +2 | wc -l)" -eq 180 ]
"${x_plink[@]}" --keep-females --glm hide-covar omit-ref recessive --out xfemale >/dev/null
"${x_mine[@]}" --sex-specific female --test recessive --out xfemale >/dev/null
echo -n "chromosome X, recessive, females: "
/usr/bin/python3 "$here/compare_with_plink2.py" xfemale.QX.linear.tsv.gz xfemale.QX.glm.linear
