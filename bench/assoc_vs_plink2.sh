#!/usr/bin/env bash
# ridgeway assoc against plink2 --glm hide-covar on the same simulated data, side by side: 3 covariates, 2 threads,
# one trait and ten traits, for 10,000 x 100,000 and a larger cohort without missing calls, and 10,000 x 100,000
# with 0.2% missing calls (one trait: PLINK 2 needs minutes for ten there). Prints wall time, CPU time, peak memory and
# the ratios. Usage: bench/assoc_vs_plink2.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=timings.txt

# run_size N M MISSING_RATE [one]: with "one", only the one-trait pair runs
run_size() {
  local n=$1 m=$2 missing=$3 only_one=${4:-} tag=${1}x${2}m${3}
  if [ ! -f "$tag.bed" ]; then
    "$ridgeway" simulate --n "$n" --m "$m" --quantitative 10 --binary 0 --seed 1 --missing-rate "$missing" \
      --threads $threads --out "$tag" >/dev/null
  fi
  local traits10=Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10
  echo "== $n samples x $m variants, missing call rate $missing, 3 covariates, $threads threads"
  printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
  measure "$tag plink2 1 trait" plink2 --bfile "$tag" --pheno "$tag.pheno" --pheno-name Q1 --covar "$tag.covar" \
    --covar-name AGE,SEX,PC1 --glm hide-covar --threads $threads --out p1
  measure "$tag ridgeway 1 trait" "$ridgeway" assoc --bfile "$tag" --pheno "$tag.pheno" --pheno-name Q1 \
    --covar "$tag.covar" --covar-name AGE,SEX,PC1 --threads $threads --out r1
  if [ -n "$only_one" ]; then
    echo "ratio ($tag): ridgeway/plink2 wall, 1 trait $(ratio "$(wall_of "$tag ridgeway 1 trait")" "$(wall_of "$tag plink2 1 trait")")"
    return
  fi
  measure "$tag plink2 10 traits" plink2 --bfile "$tag" --pheno "$tag.pheno" --pheno-name "$traits10" \
    --covar "$tag.covar" --covar-name AGE,SEX,PC1 --glm hide-covar --threads $threads --out p10
  measure "$tag ridgeway 10 traits" "$ridgeway" assoc --bfile "$tag" --pheno "$tag.pheno" --pheno-name "$traits10" \
    --covar "$tag.covar" --covar-name AGE,SEX,PC1 --threads $threads --out r10
  echo "ratios ($tag): ridgeway/plink2 wall, 1 trait $(ratio "$(wall_of "$tag ridgeway 1 trait")" "$(wall_of "$tag plink2 1 trait")");" \
       "10 traits $(ratio "$(wall_of "$tag ridgeway 10 traits")" "$(wall_of "$tag plink2 10 traits")");" \
       "ridgeway 10 traits / 1 trait $(ratio "$(wall_of "$tag ridgeway 10 traits")" "$(wall_of "$tag ridgeway 1 trait")")"
}

: > "$timings"
plink2 --version | head -1
"$ridgeway" --version
run_size 10000 100000 0
run_size "${LARGE_N:-50000}" "${LARGE_M:-200000}" 0
# Missing calls: PLINK 2 refits each variant with missing calls on its own samples; ridgeway downdates instead.
run_size 10000 100000 0.002 one
