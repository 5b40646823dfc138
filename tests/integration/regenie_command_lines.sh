#!/usr/bin/env bash
# regenie's command lines on 1000 Genomes Europeans (Debian's bolt-lmm-example): the examples of regenie's
# documentation run unchanged (only the file names adapted; its examples are case/control, and the quantitative runs
# are the same lines with --qt for --bt and without the case/control corrections), and give byte-identical results to
# the same analysis spelled with ridgeway's option names.
#  1. regenie's "Getting started" step 1 and step 2 (--bt, --lowmem, --firth --approx, a BGEN without a .sample).
#  2. The same lines for a quantitative trait.
#  3. The "Recommendations" page: its plink2 QC line for --extract/--keep, then step 1 and step 2 (--ref-first,
#     --sample); its step 2 ends with --split, an option regenie 4.1 itself no longer has, which is left out.
#  4. A user's line with categorical covariates, {i:j} expansion, --minMAC and --gz (gzipped .loco and .regenie files),
#     repeated --phenoCol/--covarCol, and --keep with a comma-separated list of files.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

# regenie's example files, under the names its documentation uses: FID = IID, as in regenie's examples (its step 2
# reads a BGEN without a .sample file, whose sample IDs have no FID), case/control traits coded 0/1.
mkdir -p example named tmpdir
for extension in bed bim; do cp EUR_subset.$extension example/example.$extension; done
awk '{ $1 = $2; print }' EUR_subset.fam > example/example.fam
awk 'NR == 1 { print "FID IID", $3; next } { print $2, $2, ($3 == "NA") ? "NA" : $3 - 1 }' case.pheno \
  > example/phenotype_bin.txt
awk '{ print (NR == 1) ? "FID" : $2, $2, $3 }' EUR_subset.pheno2.covars > example/phenotype.txt
awk '{ print (NR == 1) ? "FID" : $2, $2, $4, $5 }' EUR_subset.pheno2.covars > example/covariates.txt
awk 'NR % 40 == 1 { print $2, $2 }' EUR_subset.fam > example/fid_iid_to_remove.txt
awk 'NR % 50 == 1 { print $2 }' EUR_subset.bim > example/snplist_rm.txt
plink2 --bfile example/example --chr 22 --export bgen-1.2 bits=8 id-paste=iid --out example/example >/dev/null

# same NAME: the files NAME* written by the regenie-named run (here) and the ridgeway-named one (in named/) are equal.
same() {
  local file found=0
  for file in "$1"*; do
    case $file in *.log|*.html|*.png|*.svg|*_pred.list) continue ;; esac
    found=1
    if [[ $file == *.gz ]]; then
      gzip -t "$file" || { echo "FAIL: $file is not gzip data"; exit 1; }
      cmp <(zcat "$file") <(zcat "named/$file") || { echo "FAIL: $file differs from named/$file"; exit 1; }
    else
      cmp "$file" "named/$file" || { echo "FAIL: $file differs from named/$file"; exit 1; }
    fi
  done
  [ $found = 1 ] || { echo "FAIL: no result files $1*"; exit 1; }
  echo "ok   $1*: the same as with ridgeway's option names"
}

# 1. Getting started: step 1, then step 2 with approximate Firth on the imputed-style BGEN.
"$ridgeway" \
  --step 1 \
  --bed example/example \
  --exclude example/snplist_rm.txt \
  --covarFile example/covariates.txt \
  --phenoFile example/phenotype_bin.txt \
  --remove example/fid_iid_to_remove.txt \
  --bsize 100 \
  --bt --lowmem \
  --lowmem-prefix tmp_rg \
  --out fit_bin_out >/dev/null
grep -q "on disk as --level0-on-disk asks: they stream through a temporary file tmp_rg-level0-" fit_bin_out.log
"$ridgeway" step1 --bfile example/example --exclude example/snplist_rm.txt --covar example/covariates.txt \
  --pheno example/phenotype_bin.txt --remove example/fid_iid_to_remove.txt --bsize 100 --bt --1 \
  --out named/fit_bin_out >/dev/null
same fit_bin_out
"$ridgeway" \
  --step 2 \
  --bgen example/example.bgen \
  --covarFile example/covariates.txt \
  --phenoFile example/phenotype_bin.txt \
  --remove example/fid_iid_to_remove.txt \
  --bsize 200 \
  --bt \
  --firth --approx \
  --pThresh 0.01 \
  --pred fit_bin_out_pred.list \
  --out test_bin_out_firth >/dev/null
"$ridgeway" assoc --bgen example/example.bgen --covar example/covariates.txt --pheno example/phenotype_bin.txt \
  --remove example/fid_iid_to_remove.txt --bt --1 --firth --approx --pThresh 0.01 --pred named/fit_bin_out_pred.list \
  --format regenie --mac 5 --out named/test_bin_out_firth >/dev/null
same test_bin_out_firth_CASE.regenie
grep -q ' FIRTH$' test_bin_out_firth_CASE.regenie || { echo "FAIL: no variant corrected by Firth"; exit 1; }

# 2. The same lines for the quantitative trait.
"$ridgeway" --step 1 --bed example/example --exclude example/snplist_rm.txt --covarFile example/covariates.txt \
  --phenoFile example/phenotype.txt --remove example/fid_iid_to_remove.txt --bsize 100 --qt --lowmem \
  --lowmem-prefix tmp_rg --out fit_qt_out >/dev/null
"$ridgeway" step1 --bfile example/example --exclude example/snplist_rm.txt --covar example/covariates.txt \
  --pheno example/phenotype.txt --remove example/fid_iid_to_remove.txt --bsize 100 --out named/fit_qt_out >/dev/null
same fit_qt_out
"$ridgeway" --step 2 --bgen example/example.bgen --covarFile example/covariates.txt --phenoFile example/phenotype.txt \
  --remove example/fid_iid_to_remove.txt --bsize 200 --qt --pred fit_qt_out_pred.list --out test_qt_out >/dev/null
"$ridgeway" assoc --bgen example/example.bgen --covar example/covariates.txt --pheno example/phenotype.txt \
  --remove example/fid_iid_to_remove.txt --pred named/fit_qt_out_pred.list --format regenie --mac 5 \
  --out named/test_qt_out >/dev/null
same test_qt_out_PHENO.regenie

# 3. Recommendations: plink2's QC as the page writes it, then regenie on its output.
for extension in bed bim fam; do cp example/example.$extension eur_cal_allChrs.$extension; done
plink2 \
  --bfile eur_cal_allChrs \
  --maf 0.01 --mac 100 --geno 0.1 --hwe 1e-15 \
  --mind 0.1 \
  --write-snplist --write-samples --no-id-header \
  --out qc_pass >/dev/null
cp example/phenotype_bin.txt eur_phenotypes_BT.txt
cp example/covariates.txt eur_covariates.txt
plink2 --bfile eur_cal_allChrs --chr 22 --export bgen-1.2 bits=8 ref-first --out eur_imp_chr22 >/dev/null
"$ridgeway" \
  --step 1 \
  --bed eur_cal_allChrs \
  --extract qc_pass.snplist \
  --keep qc_pass.id \
  --phenoFile eur_phenotypes_BT.txt \
  --covarFile eur_covariates.txt \
  --bt \
  --bsize 1000 \
  --lowmem \
  --lowmem-prefix tmpdir/regenie_tmp_preds \
  --out eur_step1_BT >/dev/null
[ -z "$(ls tmpdir)" ] || { echo "FAIL: step 1 left temporary files: $(ls tmpdir)"; exit 1; }
"$ridgeway" step1 --bfile eur_cal_allChrs --extract qc_pass.snplist --keep qc_pass.id --pheno eur_phenotypes_BT.txt \
  --covar eur_covariates.txt --bt --1 --out named/eur_step1_BT >/dev/null
same eur_step1_BT
"$ridgeway" \
  --step 2 \
  --bgen eur_imp_chr22.bgen \
  --ref-first \
  --sample eur_imp_chr22.sample \
  --phenoFile eur_phenotypes_BT.txt \
  --covarFile eur_covariates.txt \
  --bt \
  --firth --approx --pThresh 0.01 \
  --pred eur_step1_BT_pred.list \
  --bsize 400 \
  --out eur_step2_BT_chr22 >/dev/null
"$ridgeway" assoc --bgen eur_imp_chr22.bgen --ref-first --sample eur_imp_chr22.sample --pheno eur_phenotypes_BT.txt \
  --covar eur_covariates.txt --bt --1 --firth --approx --pThresh 0.01 --pred named/eur_step1_BT_pred.list \
  --format regenie --mac 5 --out named/eur_step2_BT_chr22 >/dev/null
same eur_step2_BT_chr22_CASE.regenie

# 4. Categorical covariates, {i:j}, --minMAC and --gz.
"$ridgeway" --step 1 --bed EUR_subset --phenoFile EUR_subset.pheno2.covars --phenoColList PHENO \
  --covarFile EUR_subset.pheno2.covars --covarColList QCOV{1:2} --catCovarList CAT_COV --bsize 1000 --gz \
  --out fit_cat >/dev/null
"$ridgeway" step1 --bfile EUR_subset --pheno EUR_subset.pheno2.covars --pheno-name PHENO \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2 --cat-covar-name CAT_COV --gz --out named/fit_cat >/dev/null
same fit_cat
[ "$(cat fit_cat_pred.list)" = "PHENO fit_cat_1.loco.gz" ] || { echo "FAIL: fit_cat_pred.list: $(cat fit_cat_pred.list)"; exit 1; }
grep -q "Covariate CAT_COV is categorical with 2 levels" fit_cat.log
"$ridgeway" --step 2 --bed EUR_subset --phenoFile EUR_subset.pheno2.covars --phenoColList PHENO \
  --covarFile EUR_subset.pheno2.covars --covarColList QCOV{1:2} --catCovarList CAT_COV --bsize 1000 --minMAC 5 \
  --gz --pred fit_cat_pred.list --out test_cat >/dev/null
"$ridgeway" assoc --bfile EUR_subset --pheno EUR_subset.pheno2.covars --pheno-name PHENO \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2 --cat-covar-name CAT_COV --mac 5 --format regenie --gz \
  --pred named/fit_cat_pred.list --out named/test_cat >/dev/null
same test_cat_PHENO.regenie.gz
# --phenoCol and --covarCol repeated, and --keep with two files: their union is the file of both.
awk 'NR % 2 == 0 { print $1, $2 }' EUR_subset.fam > even.id
awk 'NR % 3 == 0 { print $1, $2 }' EUR_subset.fam > third.id
cat even.id third.id > both.id
"$ridgeway" --step 2 --bed EUR_subset --chr 22 --phenoFile EUR_subset.pheno2.covars --phenoCol PHENO \
  --covarFile EUR_subset.pheno2.covars --covarCol QCOV1 --covarCol QCOV2 --catCovarList CAT_COV \
  --keep even.id,third.id --bsize 1000 --out test_repeat >/dev/null
"$ridgeway" assoc --bfile EUR_subset --chr 22 --pheno EUR_subset.pheno2.covars --pheno-name PHENO \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1,QCOV2,CAT_COV --keep both.id --format regenie --mac 5 \
  --out named/test_repeat >/dev/null
same test_repeat_PHENO.regenie
grep -q -- "--keep third.id: " test_repeat.log

# The aliases are listed with ridgeway's names.
help=$("$ridgeway" --step 1 --help)
[[ $help == *"--covar-name,--covarColList,--covarCol LIST"* && $help == *"--bfile,--bed PREFIX"* ]] ||
  { echo "FAIL: step1 --help does not list regenie's names with ridgeway's"; exit 1; }
echo "regenie's documented command lines give the results of ridgeway's option names"
