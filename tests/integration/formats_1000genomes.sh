#!/usr/bin/env bash
# VCF, BCF and BGEN input on 1000 Genomes Europeans (Debian's bolt-lmm-example), against PLINK 2 reading the same
# files.
#  1. The .bed exported by plink2 as VCF (GT), VCF with DS only, BCF, BGEN 1.2 (8 bits, zlib) and BGEN 1.3 (16 bits,
#     zstd) gives association results byte-identical to the .bed itself (dosage formats add an INFO column, 1 for
#     whole-number dosages).
#  2. An imputed-looking VCF (tests/integration/make_dosage_vcf.py: fractional DS and GP on 8,000 variants), and the
#     BGEN plink2 makes of it, give the results of plink2 --glm on the same file, from DS, from GP and from the BGEN
#     (compare_with_plink2.py's tolerances; 1e-3 for the BGEN, whose 8-bit dosages PLINK 2 rounds to 1/16384).
#  3. On those dosages, INFO is the MACH R2 of each test's samples, --minINFO keeps exactly the variants at or above
#     it, and exact Firth regression matches an independent solver (check_dosage_results.py).
#  4. Step 1 on dosages: the BGEN 1.3 of the hard calls (read as dosages, FP64 fold Grams) gives the LOCO predictions
#     of the .bed (exact integer Grams) to 1e-9 relative (the two routes differ only in FP64 rounding, about 1e-14;
#     the files print 10 significant digits); gwas runs on the dosage VCF.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

# 1. Hard calls: .bed, VCF (GT, and DS alone), BCF and BGEN.
plink2 --bfile EUR_subset --export vcf bgz --out calls >/dev/null
plink2 --bfile EUR_subset --export vcf bgz vcf-dosage=DS-force --out calls_ds >/dev/null
zcat calls_ds.vcf.gz | awk 'BEGIN { FS = OFS = "\t" } /^##FORMAT=<ID=GT/ { next } /^#/ { print; next }
  { $9 = "DS"; for (i = 10; i <= NF; ++i) sub(/^[^:]*:/, "", $i); print }' | bgzip > ds_only.vcf.gz  # GT removed
plink2 --bfile EUR_subset --export bcf --out calls >/dev/null
plink2 --bfile EUR_subset --export bgen-1.2 bits=8 --out calls12 >/dev/null
plink2 --bfile EUR_subset --export bgen-1.3 --out calls13 >/dev/null
"$ridgeway" assoc --bfile EUR_subset "${traits[@]}" --out bed >/dev/null
"$ridgeway" assoc --vcf calls.vcf.gz --id-delim _ "${traits[@]}" --out vcf >/dev/null
"$ridgeway" assoc --vcf ds_only.vcf.gz --id-delim _ "${traits[@]}" --out ds_only >/dev/null
grep -q "dosages from FORMAT/DS" ds_only.log
"$ridgeway" assoc --bcf calls.bcf --id-delim _ "${traits[@]}" --out bcf >/dev/null
grep -q "hard calls from FORMAT/GT" vcf.log
for version in 12 13; do  # plink2 writes the counted allele (ALT) first
  "$ridgeway" assoc --bgen calls$version.bgen --sample calls$version.sample "${traits[@]}" --out bgen$version >/dev/null
done
grep -q "BGEN v1.2 calls12.bgen (layout 2, zlib, 8 bits" bgen12.log
grep -q "BGEN v1.3 calls13.bgen (layout 2, zstd, 16 bits" bgen13.log
for format in vcf ds_only bcf bgen12 bgen13; do
  cut=(cat)
  [[ $format == bgen* || $format == ds_only ]] && cut=(cut -f1-7,9-)  # the INFO column
  cmp <(zcat bed.PHENO.linear.tsv.gz) <(zcat $format.PHENO.linear.tsv.gz | "${cut[@]}") ||
    { echo "FAIL: $format results differ from the .bed's"; exit 1; }
done
echo "VCF (GT, and DS alone), BCF, BGEN 1.2 and BGEN 1.3 hard calls: results identical to the .bed"

# 2. Dosages against plink2 on the same file.
/usr/bin/python3 "$here/make_dosage_vcf.py" calls.vcf.gz dosages.vcf 8000 1
bgzip -f dosages.vcf
for field in DS GP; do
  import=$field
  [ $field = GP ] && import=GP-force  # plink2 prefers DS when both are present
  plink2 --vcf dosages.vcf.gz dosage=$import --id-delim _ "${plink_traits[@]}" --out plink_$field >/dev/null
  "$ridgeway" assoc --vcf dosages.vcf.gz --dosage $field --id-delim _ "${traits[@]}" --out $field >/dev/null
  grep -q "dosages from FORMAT/$field" $field.log
  echo -n "$field: "
  /usr/bin/python3 "$here/compare_with_plink2.py" $field.PHENO.linear.tsv.gz plink_$field.PHENO.glm.linear
done
plink2 --vcf dosages.vcf.gz dosage=DS --id-delim _ --export bgen-1.2 bits=8 --out dosages >/dev/null
plink2 --bgen dosages.bgen ref-last --sample dosages.sample "${plink_traits[@]}" --out plink_bgen >/dev/null
"$ridgeway" assoc --bgen dosages.bgen --sample dosages.sample "${traits[@]}" --out bgen >/dev/null
echo -n "BGEN 1.2 8-bit dosages: "
/usr/bin/python3 "$here/compare_with_plink2.py" bgen.PHENO.linear.tsv.gz plink_bgen.PHENO.glm.linear 1e-3

# 3. INFO, --minINFO and Firth on dosages.
"$ridgeway" assoc --vcf dosages.vcf.gz --id-delim _ "${traits[@]}" --minINFO 0.9 --out filtered >/dev/null
above=$(zcat DS.PHENO.linear.tsv.gz | awk -F'\t' 'NR > 1 && $8 >= 0.9' | wc -l)
kept=$(zcat filtered.PHENO.linear.tsv.gz | awk -F'\t' 'NR > 1 { if ($8 < 0.9) bad++; n++ } END { print bad ? -1 : n }')
[ "$kept" -eq "$above" ] || { echo "FAIL: --minINFO 0.9 kept $kept rows, $above have INFO >= 0.9"; exit 1; }
echo "--minINFO 0.9 keeps the $kept of 8000 variants with INFO >= 0.9"
"$ridgeway" assoc --bt --firth --firth-wald --pThresh 1 --vcf dosages.vcf.gz --id-delim _ --pheno case.pheno \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --no-report --out firth >/dev/null
/usr/bin/python3 "$here/check_dosage_results.py" dosages.vcf.gz DS.PHENO.linear.tsv.gz firth.CASE.logistic.tsv.gz \
  case.pheno covars.numeric "$here"

# 4. Step 1 and the whole GWAS on dosages.
step1_traits=("${traits[@]:0:${#traits[@]}-1}")  # without --no-report, which step1 does not take
"$ridgeway" step1 --bfile EUR_subset "${step1_traits[@]}" --out step1_bed >/dev/null
"$ridgeway" step1 --bgen calls13.bgen --sample calls13.sample "${step1_traits[@]}" --out step1_bgen >/dev/null
grep -q "Step 1 reads the dosages" step1_bgen.log
/usr/bin/python3 - step1_bed_1.loco step1_bgen_1.loco <<'PYTHON'
import sys
import numpy as np
bed, bgen = ([[float(x) for x in line.split()[1:]] for line in open(path).readlines()[1:]] for path in sys.argv[1:])
difference = np.abs(np.array(bed) - np.array(bgen)).max() / np.abs(np.array(bed)).max()
print(f"step 1 on BGEN dosages of the calls vs the .bed: LOCO predictions differ by {difference:.1e} relative")
sys.exit(int(difference > 1e-9))
PYTHON
"$ridgeway" gwas --vcf dosages.vcf.gz --id-delim _ "${traits[@]}" --out gwas >/dev/null
grep -q "Step 1 reads the dosages" gwas.log
[ "$(zcat gwas.PHENO.linear.tsv.gz | head -1 | cut -f8)" = INFO ] || { echo "FAIL: no INFO column after gwas"; exit 1; }
echo "gwas on dosages: $(grep 'level 1 cross-validated' gwas.log)"
