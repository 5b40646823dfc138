#!/usr/bin/env bash
# Step 2 on every genotype format against plink2 --glm reading the same file, side by side: one simulated cohort
# (N samples x M variants, default 5,000 x 20,000; FORMATS_N and FORMATS_M override), one quantitative trait, 3
# covariates, 2 threads, exported by plink2 to VCF (GT), VCF with DS, BCF, BGEN 1.2 (8 bits, zlib) and BGEN 1.3
# (zstd), and PLINK 2's own .pgen (plink2 --make-pgen). Prints wall time, CPU time and peak memory of each run and the ridgeway/plink2 wall-time ratio per format.
# (PLINK 2 converts a VCF or BGEN to its own format before testing, inside the timed run, as a user would run it.)
# Usage: bench/formats_vs_plink2.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=formats_timings.txt
: > "$timings"
n=${FORMATS_N:-5000} m=${FORMATS_M:-20000} tag=formats${FORMATS_N:-5000}x${FORMATS_M:-20000}
if [ ! -f "$tag.bed" ]; then
  "$ridgeway" simulate --n "$n" --m "$m" --quantitative 1 --binary 0 --seed 1 --threads $threads --out "$tag" >/dev/null
  plink2 --bfile "$tag" --export vcf bgz --out "$tag.gt" >/dev/null
  plink2 --bfile "$tag" --export vcf bgz vcf-dosage=DS-force --out "$tag.ds" >/dev/null
  plink2 --bfile "$tag" --export bcf --out "$tag" >/dev/null
  plink2 --bfile "$tag" --export bgen-1.2 bits=8 --out "$tag.v12" >/dev/null
  plink2 --bfile "$tag" --export bgen-1.3 --out "$tag.v13" >/dev/null
fi
[ -f "$tag.pgen" ] || plink2 --bfile "$tag" --make-pgen --out "$tag" >/dev/null
traits=(--pheno "$tag.pheno" --pheno-name Q1 --covar "$tag.covar" --covar-name AGE,SEX,PC1 --threads $threads)
plink2 --version | head -1
"$ridgeway" --version
echo "== step 2, $n samples x $m variants, 1 trait, 3 covariates, $threads threads"
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
# pair NAME PLINK2_INPUT... -- RIDGEWAY_INPUT...
pair() {
  local name=$1 plink_input=() ours=()
  shift
  while [ "$1" != -- ]; do plink_input+=("$1"); shift; done
  shift
  ours=("$@")
  measure "$name plink2" plink2 "${plink_input[@]}" "${traits[@]}" --glm hide-covar omit-ref --out "p_$name"
  measure "$name ridgeway" "$ridgeway" assoc "${ours[@]}" "${traits[@]}" --no-report --out "r_$name"
}
pair bed --bfile "$tag" -- --bfile "$tag"
pair pgen --pfile "$tag" -- --pfile "$tag"
pair vcf_gt --vcf "$tag.gt.vcf.gz" --id-delim _ -- --vcf "$tag.gt.vcf.gz" --id-delim _
pair vcf_ds --vcf "$tag.ds.vcf.gz" dosage=DS --id-delim _ -- --vcf "$tag.ds.vcf.gz" --id-delim _
pair bcf --bcf "$tag.bcf" --id-delim _ -- --bcf "$tag.bcf" --id-delim _
for version in v12 v13; do
  pair "bgen_$version" --bgen "$tag.$version.bgen" ref-last --sample "$tag.$version.sample" -- \
    --bgen "$tag.$version.bgen" --sample "$tag.$version.sample"
done
for name in bed pgen vcf_gt vcf_ds bcf bgen_v12 bgen_v13; do
  echo "ratio ridgeway/plink2 wall, $name: $(ratio "$(wall_of "$name ridgeway")" "$(wall_of "$name plink2")")"
done
