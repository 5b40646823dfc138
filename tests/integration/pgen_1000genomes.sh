#!/usr/bin/env bash
# PLINK 2 .pgen input (--pfile) on 1000 Genomes Europeans (Debian's bolt-lmm-example), against the .bed, VCF input
# and plink2 --glm reading the same files.
#  1. plink2 --make-pgen of the .bed (variable-width records: 2-bit, 1-bit, LD-compressed and difflist records),
#     with vzs (.pvar.zst), with format=2 (fixed-width), with an #IID-only .psam, and the .bed itself as a mode-0x01
#     .pgen: association results byte-identical to the .bed's.
#  2. Dosages: the imputed-looking VCF of make_dosage_vcf.py imported with plink2 (a bit per sample says who has a
#     dosage), and a sparse version of it (a difflist of samples with dosages), and phased dosages (HDS, skipped
#     track): --pfile gives the results of plink2 --glm on the same .pgen (compare_with_plink2.py's tolerances), and
#     those of ridgeway --vcf DS to within 1e-3 of the SE (both round DS to 1/16384, not always the same way).
#  3. Multiallelic: make_multiallelic_vcf.py's records with 2-6 ALT alleles (phased and unphased, both layouts of the
#     patches) imported with plink2: --multiallelic skip logs the count, --multiallelic split gives results
#     byte-identical to --vcf on the same records split into biallelic ones; so does --vcf --multiallelic split on the
#     multiallelic VCF itself.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
same_results() {  # same_results A B: result files with identical bytes
  cmp <(zcat "$1.PHENO.linear.tsv.gz") <(zcat "$2.PHENO.linear.tsv.gz") >/dev/null ||
    { echo "FAIL: $2 results differ from $1's"; exit 1; }
}

# 1. Hard calls.
plink2 --bfile EUR_subset --make-pgen --out vw >/dev/null
plink2 --bfile EUR_subset --make-pgen vzs --out vzs >/dev/null
plink2 --bfile EUR_subset --make-pgen format=2 --out fixed >/dev/null
plink2 --bfile EUR_subset --make-pgen psam-cols=sex --out iid >/dev/null
cp EUR_subset.bed bed.pgen && cp vw.pvar bed.pvar && cp vw.psam bed.psam
"$ridgeway" assoc --bfile EUR_subset "${traits[@]}" --out bed_ref >/dev/null
for prefix in vw vzs fixed bed; do
  "$ridgeway" assoc --pfile $prefix "${traits[@]}" --out $prefix >/dev/null
  same_results bed_ref $prefix
done
grep -q "vw.pgen (variable-width records, hard calls)" vw.log
grep -q "from vzs.pvar.zst" vzs.log
grep -q "fixed.pgen (fixed-width hard calls" fixed.log
grep -q "bed.pgen (PLINK 1 .bed storage" bed.log
head -1 iid.psam | grep -q "^#IID"
awk 'NR == 1 { $1 = "#IID"; $2 = ""; print; next } { $1 = ""; print }' EUR_subset.pheno2.covars > iid.covars
"$ridgeway" assoc --pfile iid --pheno iid.covars --pheno-name PHENO --covar iid.covars --covar-name QCOV1-QCOV2,CAT_COV \
  --threads 2 --no-report --out iid >/dev/null
same_results bed_ref iid
echo "--pfile hard calls (variable-width, .pvar.zst, fixed-width, #IID .psam, .bed storage): results identical to the .bed"

# 2. Dosages.
plink2 --bfile EUR_subset --export vcf bgz --out calls >/dev/null
/usr/bin/python3 "$here/make_dosage_vcf.py" calls.vcf.gz dosages.vcf 8000 1
# Sparse: every 25th column keeps its fractional dosage, the others get their call's.
awk 'BEGIN { OFS = "\t" } /^#/ { print; next }
     { for (i = 10; i <= NF; ++i) if (i % 25 != 0 && substr($i, 1, 1) != ".") {
         split($i, f, ":"); $i = substr($i, 1, 3) ":" (substr($i, 1, 1) + substr($i, 3, 1)) ":" f[3] } print }' \
  dosages.vcf > sparse.vcf
# Phased: the first 1500 records with haplotype dosages that add up to DS.
awk 'BEGIN { OFS = "\t"; srand(5) } /^##/ { print; next }
     /^#/ { print "##FORMAT=<ID=HDS,Number=2,Type=Float,Description=\"Haplotype dosages\">"; print; next }
     ++n > 1500 { exit }
     { $9 = "GT:HDS"; for (i = 10; i <= NF; ++i) { split($i, f, ":");
         if (f[2] == ".") { $i = ".|.:.,."; continue }
         h1 = f[2] * (0.3 + 0.4 * rand()); if (h1 > 1) h1 = 1; h2 = f[2] - h1; if (h2 > 1) { h1 = f[2] - 1; h2 = 1 }
         $i = sprintf("%d|%d:%.3f,%.3f", h1 >= 0.5, h2 >= 0.5, h1, h2) } print }' dosages.vcf > phased.vcf
for name in dosages sparse phased; do
  field=DS
  [ $name = phased ] && field=HDS
  plink2 --vcf $name.vcf dosage=$field --id-delim _ --make-pgen --out $name >/dev/null
  plink2 --pfile $name "${plink_traits[@]}" --out plink_$name >/dev/null
  "$ridgeway" assoc --pfile $name "${traits[@]}" --out $name >/dev/null
  grep -q "$name.pgen (variable-width records, dosages)" $name.log
  echo -n "$name .pgen against plink2 --pfile: "
  /usr/bin/python3 "$here/compare_with_plink2.py" $name.PHENO.linear.tsv.gz plink_$name.PHENO.glm.linear
done
"$ridgeway" assoc --vcf dosages.vcf --dosage DS --id-delim _ "${traits[@]}" --out vcf_ds >/dev/null
/usr/bin/python3 - dosages.PHENO.linear.tsv.gz vcf_ds.PHENO.linear.tsv.gz <<'PY'
import gzip, sys
rows = [[line.rstrip("\n").split("\t") for line in gzip.open(path, "rt")] for path in sys.argv[1:]]
header = rows[0][0]
beta, se = header.index("BETA"), header.index("SE")
assert len(rows[0]) == len(rows[1]) == 8001, "row counts differ"
worst = max(abs(float(a[beta]) - float(b[beta])) / float(b[se]) for a, b in zip(rows[0][1:], rows[1][1:]))
assert worst < 1e-3, f"--pfile and --vcf DS betas differ by {worst:.2e} SE"
print(f"dosage .pgen against --vcf DS: worst BETA difference {worst:.1e} SE")
PY

# 3. Multiallelic variants.
cut -f2 vw.psam | tail -n +2 > samples.txt
/usr/bin/python3 "$here/make_multiallelic_vcf.py" samples.txt multi.vcf split.vcf 600 7
plink2 --vcf multi.vcf --make-pgen --out multi >/dev/null
iid_traits=(--pheno iid.covars --pheno-name PHENO --covar iid.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --no-report)
"$ridgeway" assoc --pfile multi "${iid_traits[@]}" --out skip >/dev/null
grep -q "400 multiallelic variants skipped" skip.log
[ "$(zcat skip.PHENO.linear.tsv.gz | tail -n +2 | wc -l)" -eq 200 ] || { echo "FAIL: skip kept other than 200 variants"; exit 1; }
"$ridgeway" assoc --pfile multi --multiallelic split "${iid_traits[@]}" --out split >/dev/null
"$ridgeway" assoc --vcf split.vcf "${iid_traits[@]}" --out split_vcf >/dev/null
same_results split_vcf split
"$ridgeway" assoc --vcf multi.vcf --multiallelic split "${iid_traits[@]}" --out vcf_split >/dev/null
grep -q "400 multiallelic records split" vcf_split.log
same_results split_vcf vcf_split
echo "multiallelic .pgen: skip logs 400 of 600 variants skipped; split matches the biallelic VCF (1681 variants) exactly"
echo "multiallelic VCF: --multiallelic split matches the biallelic VCF exactly"
