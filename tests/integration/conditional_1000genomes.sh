#!/usr/bin/env bash
# Conditional analysis against plink2 --glm --condition-list on 1000 Genomes Europeans (Debian's bolt-lmm-example),
# with the covariates of plink2_1000genomes.sh and three conditioning variants (the top hits of PHENO on chromosomes
# 19 and 22), some of whose calls are set missing: plink2 leaves those samples out (a missing covariate), and so
# must ridgeway. Checked:
# - the linear t test on every variant, to PLINK 2's six printed digits (compare_with_plink2.py: BETA and SE to 1e-4
#   relative, log10 P to 1e-4), the conditioning variants' rows CONDITIONING_VARIANT where plink2 has no result;
# - the same run without --condition-list fails that comparison (the test can fail);
# - exact Firth with Wald p-values (plink2 --glm firth) on a quarter of chromosomes 19 and 22, with compare_firth_with_plink2.py's
#   tolerances (PLINK 2 stops its Firth iterations early: log OR to 2e-3, checked against an independent solver with
#   the conditioning genotypes among its covariates to 1e-5);
# - --condition-file with the conditioning variants exported by plink2 to .pgen, .bgen (+ .sample, through
#   --condition-file-sample) and VCF (IIDs only): the same result files, byte for byte, as --condition-list alone.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

printf 'rs5028988\nrs7254125\nrs5752916\n' > top.list
# Missing calls at two conditioning variants, for samples with and without a trait value.
/usr/bin/python3 "$here/set_missing_calls.py" EUR_subset cond rs5028988:0,5,9,30,31 rs5752916:5,40,41
ridgeway_traits=("${traits[@]}")

plink2 --bfile cond "${plink_traits[@]}" --condition-list top.list --out plink >/dev/null
"$ridgeway" assoc --bfile cond "${ridgeway_traits[@]}" --condition-list top.list --out conditioned >/dev/null
/usr/bin/python3 "$here/compare_with_plink2.py" conditioned.PHENO.linear.tsv.gz plink.PHENO.glm.linear
grep -q "Conditioning on 3 variants from the analysed genotypes (--condition-list top.list): rs5028988, rs7254125, rs5752916" conditioned.log
grep -q "4 samples without a genotype at a conditioning variant are left out of step 2" conditioned.log
marked=$(zcat conditioned.PHENO.linear.tsv.gz | awk -F'\t' '$NF == "CONDITIONING_VARIANT" { printf "%s ", $3 }')
[ "$marked" = "rs7254125 rs5028988 rs5752916 " ] || { echo "FAIL: CONDITIONING_VARIANT rows: $marked"; exit 1; }

"$ridgeway" assoc --bfile cond "${ridgeway_traits[@]}" --out unconditioned >/dev/null
if /usr/bin/python3 "$here/compare_with_plink2.py" unconditioned.PHENO.linear.tsv.gz plink.PHENO.glm.linear \
  >unconditioned.compare; then
  echo "FAIL: the results without --condition-list match plink2 --condition-list"; exit 1
fi
echo "without conditioning: $(grep -c FAIL unconditioned.compare) of 20 listed differences (as expected)"

# Firth on every fourth variant of chromosomes 19 and 22 (and the conditioning ones), for time.
awk '($1 == 19 || $1 == 22) && NR % 4 == 0 { print $2 }' cond.bim | cat - top.list > quarter.list
plink2 --bfile cond --extract quarter.list --pheno case.pheno --pheno-name CASE --covar covars.numeric \
  --covar-name QCOV1,QCOV2,CAT_COV --condition-list top.list --glm firth hide-covar --threads 2 --out plink >/dev/null
"$ridgeway" assoc --bt --firth --firth-wald --pThresh 1 --bfile cond --extract quarter.list --pheno case.pheno \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --condition-list top.list --threads 2 --no-report \
  --out firth >/dev/null
/usr/bin/python3 "$here/compare_firth_with_plink2.py" firth.CASE.logistic.tsv.gz plink.CASE.glm.firth "$here" bfile=cond \
  condition=rs5028988,rs7254125,rs5752916

# The conditioning variants from a file of their own: the same covariates, so the same bytes.
plink2 --bfile cond --extract top.list --make-pgen --out top_pgen >/dev/null
plink2 --bfile cond --extract top.list --export bgen-1.2 bits=8 --out top_bgen >/dev/null
plink2 --bfile cond --extract top.list --export vcf bgz id-paste=iid --out top_vcf >/dev/null
for file in pgen,top_pgen bgen,top_bgen.bgen vcf,top_vcf.vcf.gz; do
  format=${file%%,*}
  sample=()
  [ "$format" = bgen ] && sample=(--condition-file-sample top_bgen.sample)
  "$ridgeway" assoc --bfile cond "${ridgeway_traits[@]}" --condition-list top.list --condition-file "$file" \
    "${sample[@]}" --out "file_$format" >/dev/null
  cmp <(zcat conditioned.PHENO.linear.tsv.gz) <(zcat "file_$format.PHENO.linear.tsv.gz") ||
    { echo "FAIL: --condition-file $file differs from --condition-list alone"; exit 1; }
  grep -q "Conditioning on 3 variants from .*top_$format" "file_$format.log"
done
echo "--condition-file pgen, bgen and vcf: the results of --condition-list alone"
