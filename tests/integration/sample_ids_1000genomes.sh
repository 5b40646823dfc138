#!/usr/bin/env bash
# Sample IDs matched as PLINK 2 matches them, on 1000 Genomes Europeans (Debian's bolt-lmm-example).
#  1. A `FID IID` trait and covariate table written with FID 0, as PLINK writes it, against the .bed (FID 0 in the .fam:
#     matched by FID and IID) and against files without family IDs, matched by IID alone: the .pgen plink2 exports
#     (`#IID` only), VCF and BCF without --id-delim, BGEN 1.2 with PLINK 2's .sample (ID_1 0) and with the IDs stored
#     in the .bgen. The quantitative trait PHENO and the case/control trait CASE (--bt) give byte-identical results
#     from every file (all 373 rows matched, 366 samples analysed: PHENO's 369 values less 3 with a missing
#     covariate); plink2 loads the same 369 PHENO values from the same table against the .pgen and the VCF. A table with other FIDs gives the same results against the .pgen: its FIDs are not used.
#  2. VCF sample names FID_IID split by --id-delim keep their family IDs: the table of the original FIDs matches,
#     the FID-0 table does not.
#  3. An IID on two rows of a `FID IID` table, against a file without family IDs: a one-line error naming the file,
#     the line and the ID, and no result file.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

# The fileset and the tables with FID 0.
cp EUR_subset.bed fid0.bed && cp EUR_subset.bim fid0.bim && awk '{ $1 = 0; print }' EUR_subset.fam > fid0.fam
awk 'NR == 1 { print; next } { $1 = 0; print }' EUR_subset.pheno2.covars > fid0.covars
awk 'NR == 1 { print; next } { $1 = 0; print }' case.pheno > fid0_case.pheno
awk 'NR == 1 { print; next } { $1 = "family" NR; print }' EUR_subset.pheno2.covars > other_fids.covars
plink2 --bfile fid0 --make-pgen --out pgen >/dev/null
head -1 pgen.psam | grep -q "^#IID" || { echo "FAIL: plink2 wrote a .psam with family IDs"; exit 1; }
plink2 --bfile fid0 --export vcf bgz --out vcf >/dev/null
plink2 --bfile fid0 --export bcf --out bcf >/dev/null
plink2 --bfile fid0 --export bgen-1.2 bits=8 --out bgen >/dev/null
declare -A input=([bed]="--bfile fid0" [pgen]="--pfile pgen" [vcf]="--vcf vcf.vcf.gz" [bcf]="--bcf bcf.bcf"
                  [bgen]="--bgen bgen.bgen --sample bgen.sample" [bgen_ids]="--bgen bgen.bgen")
covariates=(--covar fid0.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --no-report)

# 1. The same results from every format.
for format in bed pgen vcf bcf bgen bgen_ids; do
  read -ra genotypes <<< "${input[$format]}"
  "$ridgeway" assoc "${genotypes[@]}" --pheno fid0.covars --pheno-name PHENO "${covariates[@]}" --out $format >/dev/null
  "$ridgeway" assoc "${genotypes[@]}" --bt --pheno fid0_case.pheno "${covariates[@]}" --out ${format}_bt >/dev/null
  rule="by IID alone (the genotype file has no family IDs, so the table's FID column is not used)"
  [ $format = bed ] && rule="by FID and IID"
  for log in $format.log ${format}_bt.log; do
    grep -q "373 of 373 rows matched genotype samples $rule" $log || { echo "FAIL: $log does not say '$rule'"; exit 1; }
  done
  # The 369 values of PHENO, less 3 samples with a missing covariate.
  grep -q "Trait PHENO: 366 samples with a value" $format.log || { echo "FAIL: $format: not 366 PHENO values"; exit 1; }
  [ $format = bed ] && continue
  cut=(cat)
  [[ $format == bgen* ]] && cut=(cut -f1-7,9-)  # the INFO column of dosage formats
  cmp <(zcat bed.PHENO.linear.tsv.gz) <(zcat $format.PHENO.linear.tsv.gz | "${cut[@]}") ||
    { echo "FAIL: $format PHENO results differ from the .bed's"; exit 1; }
  cmp <(zcat bed_bt.CASE.logistic.tsv.gz) <(zcat ${format}_bt.CASE.logistic.tsv.gz | "${cut[@]}") ||
    { echo "FAIL: $format CASE results differ from the .bed's"; exit 1; }
done
echo "FID-0 table: .pgen (#IID), VCF, BCF and BGEN (.sample, stored IDs) give the .bed's PHENO and CASE results"
"$ridgeway" assoc --pfile pgen --pheno other_fids.covars --pheno-name PHENO --covar other_fids.covars \
  --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --no-report --out other_fids >/dev/null
cmp <(zcat pgen.PHENO.linear.tsv.gz) <(zcat other_fids.PHENO.linear.tsv.gz) ||
  { echo "FAIL: other FIDs change the .pgen's results"; exit 1; }
echo "a table with other FIDs gives the same results against the .pgen"
for format in pgen vcf; do
  read -ra genotypes <<< "${input[$format]}"
  plink2 "${genotypes[@]}" --pheno fid0.covars --pheno-name PHENO --write-samples --out plink_$format >/dev/null
  grep -q "1 quantitative phenotype loaded (369 values)" plink_$format.log ||
    { echo "FAIL: plink2 --$format did not load 369 values"; grep -i "phenotype\|error" plink_$format.log; exit 1; }
done
echo "plink2 loads the same 369 PHENO values against the .pgen and the VCF"

# 2. --id-delim: family IDs from the VCF's sample names.
plink2 --bfile EUR_subset --export vcf bgz --out fid_iid >/dev/null
"$ridgeway" assoc --vcf fid_iid.vcf.gz --id-delim _ "${traits[@]}" --out delim >/dev/null
grep -q "rows matched genotype samples by FID and IID" delim.log || { echo "FAIL: --id-delim: not by FID and IID"; exit 1; }
grep -q "Trait PHENO: 366 samples with a value" delim.log || { echo "FAIL: --id-delim: not 366 PHENO values"; exit 1; }
if "$ridgeway" assoc --vcf fid_iid.vcf.gz --id-delim _ --pheno fid0.covars --pheno-name PHENO --threads 2 --no-report \
     --out delim_fid0 >/dev/null 2>delim_fid0.err; then
  echo "FAIL: --id-delim: the FID-0 table matched family IDs 1-379"; exit 1
fi
grep -q "no sample ID matches the genotype file" delim_fid0.err
echo "--id-delim _: matched by FID and IID; the FID-0 table matches none"

# 3. A repeated IID when matching by IID alone.
awk '{ print } NR == 3 { $1 = 7; print }' fid0.covars > repeated.covars  # line 4 repeats line 3's IID
set +e
stderr=$("$ridgeway" assoc --pfile pgen --pheno repeated.covars --pheno-name PHENO --threads 2 --no-report \
         --out repeated 2>&1 >/dev/null)
status=$?
set -e
iid=$(awk 'NR == 3 { print $2 }' fid0.covars)
if [ $status -ne 5 ] || [[ "$stderr" != *"repeated.covars, line 4: IID $iid is also on line 3"* ]] ||
   [ "$(printf '%s\n' "$stderr" | grep -c .)" -ne 1 ] || ls repeated.PHENO* >/dev/null 2>&1; then
  echo "FAIL: repeated IID: exit $status: $stderr"; exit 1
fi
echo "repeated IID: exit $status: $stderr"
