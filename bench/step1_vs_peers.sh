#!/usr/bin/env bash
# ridgeway step1 against BOLT-LMM (--lmm) and, when REGENIE names a regenie binary, regenie --step 1, side by side
# on the same simulated data: 10,000 x 100,000, B = 1000, 5 folds, 2 threads; ridgeway for 1 and 10 traits. Then
# how ridgeway's step 1 grows with N (M = 50,000) and with M (N = 5,000).
# Usage: bench/step1_vs_peers.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=step1_timings.txt
: > "$timings"

simulate() {  # N M TAG
  [ -f "$3.bed" ] || "$ridgeway" simulate --n "$1" --m "$2" --quantitative 10 --binary 0 --seed 1 --threads $threads --out "$3" >/dev/null
}

step1_args() {  # TAG TRAITS OUT: the ridgeway command line, one word per line
  printf '%s\n' "$ridgeway" step1 --bfile "$1" --pheno "$1.pheno" --pheno-name "$2" --covar "$1.covar" \
    --covar-name AGE,SEX,PC1 --bsize 1000 --cv 5 --threads $threads --out "$3"
}

echo "== 10,000 samples x 100,000 variants, B = 1000, 5 folds, $threads threads"
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
simulate 10000 100000 s10k
mapfile -t command < <(step1_args s10k Q1 r1)
measure "ridgeway step1 1 trait" "${command[@]}"
mapfile -t command < <(step1_args s10k Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10 r10)
measure "ridgeway step1 10 traits" "${command[@]}"
measure "bolt-lmm --lmm 1 trait" bolt --bfile=s10k --phenoFile=s10k.pheno --phenoCol=Q1 --covarFile=s10k.covar \
  --qCovarCol=AGE --qCovarCol=PC1 --covarCol=SEX --covarMaxLevels=3 --lmm --LDscoresUseChip --numThreads=$threads \
  --statsFile=bolt.stats
if [ -n "${REGENIE:-}" ]; then
  measure "regenie --step 1 1 trait" "$REGENIE" --step 1 --bed s10k --phenoFile s10k.pheno --phenoCol Q1 \
    --covarFile s10k.covar --covarColList AGE,SEX,PC1 --bsize 1000 --cv 5 --threads $threads --out regenie1
  measure "regenie --step 1 10 traits" "$REGENIE" --step 1 --bed s10k --phenoFile s10k.pheno \
    --phenoColList Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10 --covarFile s10k.covar --covarColList AGE,SEX,PC1 --bsize 1000 \
    --cv 5 --threads $threads --out regenie10
  echo "ratio regenie / ridgeway, 1 trait: $(ratio "$(wall_of "regenie --step 1 1 trait")" "$(wall_of "ridgeway step1 1 trait")")"
fi
echo "ratio ridgeway 10 traits / 1 trait: $(ratio "$(wall_of "ridgeway step1 10 traits")" "$(wall_of "ridgeway step1 1 trait")")"
echo "ratio bolt-lmm / ridgeway, 1 trait: $(ratio "$(wall_of "bolt-lmm --lmm 1 trait")" "$(wall_of "ridgeway step1 1 trait")")"

echo "== growth of ridgeway step1 (1 trait): N at M = 50,000, then M at N = 5,000"
for n in 2500 5000 10000; do
  simulate "$n" 50000 "n$n"
  mapfile -t command < <(step1_args "n$n" Q1 "rn$n")
  measure "ridgeway step1 N=$n M=50000" "${command[@]}"
done
for m in 25000 50000 100000; do
  simulate 5000 "$m" "m$m"
  mapfile -t command < <(step1_args "m$m" Q1 "rm$m")
  measure "ridgeway step1 N=5000 M=$m" "${command[@]}"
done
