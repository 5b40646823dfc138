#!/usr/bin/env bash
# Chromosome X against PLINK 2 on the 1000 Genomes Europeans (Debian's bolt-lmm-example) with their real sexes (.fam
# column 5): a simulated chromosome X (make_chrx_eur.py: PAR1, non-PAR with males hemizygous, PAR2 at hg38 positions;
# 1% missing calls), the quantitative trait QX and the case/control trait BX, with EUR_subset's covariates QCOV2 and
# CAT_COV (QCOV1 is sex: with it, sex is not added again, where plink2 stops on the collinear design).
# - linear: every variant as plink2 --glm --xchr-model 2 and 1 (--split-par hg38: the PARs diploid), to PLINK 2's
#   printed precision (compare_with_plink2.py), and --sex-specific female as plink2 --keep-females;
# - Firth (--firth --firth-wald --pThresh 1: the Wald p-values plink2 gives): compare_chrx_firth.py, with an
#   independent solver where PLINK 2's early stop shows;
# - sex from --sex-col gives the bytes of sex from the .fam; --xchr-model 0 leaves exactly the non-PAR variants out;
# - every format plink2 exports the .bed to (--split-par hg38: males haploid outside the PARs) gives the .bed's
#   results: VCF with haploid GT, VCF with haploid GT and DS, BGEN 1.2 with ploidy-1 males (sex from its .sample),
#   .pgen (sex from the .psam); the VCFs take sex from --sex-col. The columns compared leave out CHROM (plink2 names
#   the PARs PAR1/PAR2 in a .pgen and BGEN) and INFO (dosage formats only).
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
/usr/bin/python3 "$here/make_chrx_eur.py" chrx >/dev/null
covariates=(--covar covars.numeric --covar-name QCOV2,CAT_COV --threads 2)
plink=(plink2 --bfile chrx --pheno chrx.pheno "${covariates[@]}" --split-par hg38)
mine=("$ridgeway" assoc --bfile chrx --pheno chrx.pheno "${covariates[@]}" --no-report)

for model in 2 1; do
  "${plink[@]}" --pheno-name QX --glm hide-covar omit-ref --xchr-model $model --out plink$model >/dev/null
  "${mine[@]}" --pheno-name QX --xchr-model $model --out q$model >/dev/null
  grep -q "non-PAR chromosome X tested with sex added as a covariate" q$model.log
  echo -n "--xchr-model $model, linear: "
  /usr/bin/python3 "$here/compare_with_plink2.py" q$model.QX.linear.tsv.gz plink$model.QX.glm.linear

  "${plink[@]}" --pheno-name BX --glm firth hide-covar omit-ref --xchr-model $model --out plink$model >/dev/null
  "${mine[@]}" --pheno-name BX --bt --firth --firth-wald --pThresh 1 --xchr-model $model --out b$model >/dev/null
  /usr/bin/python3 "$here/compare_chrx_firth.py" b$model.BX.logistic.tsv.gz plink$model.BX.glm.firth chrx \
    chrx.pheno BX covars.numeric QCOV2,CAT_COV $model "$here"
done

"${plink[@]}" --pheno-name QX --glm hide-covar omit-ref --keep-females --out females >/dev/null
"${mine[@]}" --pheno-name QX --sex-specific female --out females >/dev/null
echo -n "--sex-specific female, linear: "
/usr/bin/python3 "$here/compare_with_plink2.py" females.QX.linear.tsv.gz females.QX.glm.linear

awk 'BEGIN { print "FID IID GENDER" } { print $1, $2, ($5 == 1) ? "M" : "female" }' chrx.fam > sex.table
cp chrx.fam chrx.fam.real && awk '{ $5 = 0; print }' chrx.fam.real > chrx.fam
awk 'NR == FNR { sex[$2] = $3; next } FNR == 1 { print $0, "GENDER"; next } { print $0, sex[$2] }' sex.table \
  covars.numeric > covars.sex
"$ridgeway" assoc --bfile chrx --pheno chrx.pheno --covar covars.sex --covar-name QCOV2,CAT_COV --threads 2 \
  --no-report --pheno-name QX --sex-col GENDER --out sexcol >/dev/null
mv chrx.fam.real chrx.fam
cmp <(zcat sexcol.QX.linear.tsv.gz) <(zcat q2.QX.linear.tsv.gz)

plink2 --bfile chrx --split-par hg38 --export vcf bgz --out xgt >/dev/null
plink2 --bfile chrx --split-par hg38 --export vcf bgz vcf-dosage=DS-force --out xds >/dev/null
plink2 --bfile chrx --split-par hg38 --export bgen-1.2 bits=8 --out xbgen >/dev/null
plink2 --bfile chrx --split-par hg38 --make-pgen --out xpgen >/dev/null
same=(--pheno chrx.pheno --pheno-name QX --covar covars.sex --covar-name QCOV2,CAT_COV --threads 2 --no-report)
"$ridgeway" assoc --vcf xgt.vcf.gz --id-delim _ --sex-col GENDER "${same[@]}" --out fgt >/dev/null
"$ridgeway" assoc --vcf xds.vcf.gz --id-delim _ --sex-col GENDER "${same[@]}" --out fds >/dev/null
"$ridgeway" assoc --bgen xbgen.bgen --sample xbgen.sample "${same[@]}" --out fbgen >/dev/null
"$ridgeway" assoc --pfile xpgen "${same[@]}" --out fpgen >/dev/null
grep -q "2820 records with haploid calls" fds.log
for format in fgt fds fbgen fpgen; do
  cut=(cut -f2-)
  [[ $format == fds || $format == fbgen ]] && cut=(cut -f2-7,9-)
  cmp <(zcat q2.QX.linear.tsv.gz | cut -f2-) <(zcat $format.QX.linear.tsv.gz | "${cut[@]}") ||
    { echo "FAIL: $format's chromosome X results differ from the .bed's"; exit 1; }
done
echo "chromosome X from VCF (haploid GT; GT and DS), BGEN 1.2 (ploidy 1) and .pgen: the .bed's results"

"$ridgeway" assoc --bfile chrx --pheno chrx.pheno --covar covars.numeric --covar-name QCOV1-QCOV2,CAT_COV \
  --no-report --pheno-name QX --out withsex >/dev/null
grep -q "non-PAR chromosome X tested with no sex covariate (sex constant or already a covariate)" withsex.log
"${mine[@]}" --pheno-name QX --xchr-model 0 --out skip >/dev/null
grep -q -- "--xchr-model 0: 2820 non-PAR chromosome X variants left out" skip.log
[ "$(zcat skip.QX.linear.tsv.gz | tail -n +2 | wc -l)" -eq 180 ]
echo "--sex-col gives the .fam's results; --xchr-model 0 tests the 180 PAR variants only"

# A female recorded as male: her heterozygous non-PAR calls are set missing and a warning names her. Chromosomes Y
# and MT (here the last 30 variants renamed) are left out, a log line each.
swapped=$(awk 'NR == FNR { if (FNR > 1 && $5 != "NA" && $6 != "NA") kept[$2] = 1; next }
  $5 == 2 && kept[$2] { print $2; exit }' covars.numeric chrx.fam)  # a female with the covariates, so analysed
awk -v iid="$swapped" '{ if ($2 == iid) $5 = 1; print }' chrx.fam > mismatch.fam
awk 'NR > 2970 { $1 = (NR > 2985) ? "MT" : "Y" } { print }' chrx.bim > mismatch.bim
cp chrx.bed mismatch.bed
"$ridgeway" assoc --bfile mismatch --pheno chrx.pheno --pheno-name QX "${covariates[@]}" --no-report --out mismatch \
  >/dev/null 2>&1
grep -q "samples have more than 1% of their non-PAR X calls contradicting their sex (a sex mismatch?): $swapped (male," mismatch.log
grep -q "Chromosome Y: 15 variants left out" mismatch.log
grep -q "Chromosome MT: 15 variants left out" mismatch.log
[ "$(zcat mismatch.QX.linear.tsv.gz | tail -n +2 | wc -l)" -eq 2970 ]
echo "a female recorded as male is named in a warning; Y and MT variants left out"
