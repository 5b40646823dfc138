#!/usr/bin/env bash
# What chromosome X costs: the same simulated cohort (default 10,000 samples x 100,000 autosomal variants, one
# quantitative and one case/control trait, 2 threads) with and without X (--chrx, 5,000 X variants: 150 PAR1, 4,700
# non-PAR, 150 PAR2), through the default gwas (step 1 with cross-validation, then step 2) and assoc --bt --firth
# --approx. Prints each run's times and, per phase, the time X adds against its share of the variants (target: no
# more than its share, a ratio of at most 1; the non-PAR X tests refit their design with sex and read the X calls
# once more to count those contradicting sex). The plink2 --glm time on the same X-bearing .bed is the peer's.
# Usage: bench/chrx_share.sh [RIDGEWAY_BINARY] [WORK_FOLDER]   (CHRX_N, CHRX_M override the cohort's size)
source "$(dirname "$0")/common.sh" "$@"
timings=timings_chrx.txt
n=${CHRX_N:-10000} m=${CHRX_M:-100000} mx=$(( ${CHRX_M:-100000} / 20 ))
"$ridgeway" simulate --n "$n" --m "$m" --chrx --m-chrx "$mx" --quantitative 1 --binary 1 --prevalence 0.2 \
  --h2 0.3 --causal 200 --seed 3 --threads $threads --out chrx >/dev/null
common=(--bfile chrx --pheno chrx.pheno --covar chrx.covar --covar-name AGE,PC1,PC2 --threads $threads --no-report)

: > "$timings"
"$ridgeway" --version | head -1
echo "== $n samples x $m autosomal variants, with and without $mx X variants, $threads threads"
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
# The pairs run CHRX_REPEAT times (default 2), interleaved; the smallest time of each counts (the machines are noisy).
repeat=${CHRX_REPEAT:-2}
for ((k = 1; k <= repeat; k++)); do
  measure "gwas Q1, no X, run $k" "$ridgeway" gwas "${common[@]}" --pheno-name Q1 --chr 1-22 --out auto$k
  measure "gwas Q1, with X, run $k" "$ridgeway" gwas "${common[@]}" --pheno-name Q1 --out withx$k
  measure "assoc --bt B1, no X, run $k" "$ridgeway" assoc --bt --firth --approx "${common[@]}" --pheno-name B1 \
    --chr 1-22 --out bauto$k
  measure "assoc --bt B1, with X, run $k" "$ridgeway" assoc --bt --firth --approx "${common[@]}" --pheno-name B1 \
    --out bwithx$k
done
measure "plink2 --glm Q1, with X" plink2 --bfile chrx --pheno chrx.pheno --pheno-name Q1 --covar chrx.covar \
  --covar-name AGE,PC1,PC2 --glm hide-covar --split-par hg38 --threads $threads --out pwithx

share=$(echo "scale=4; $mx / ($m + $mx)" | bc)
added() { echo "scale=2; ($2 - $1) / $2 / $share" | bc; }  # added time over X's share of the run with X
smallest() { sort -g | head -1; }
walls() { for ((k = 1; k <= repeat; k++)); do wall_of "$1, run $k"; done | smallest; }
step1() { for ((k = 1; k <= repeat; k++)); do grep -oP "Step 1 done in \K[0-9.]+" "$1$k.log"; done | smallest; }
step2() { for ((k = 1; k <= repeat; k++)); do
  echo "$(wall_of "$1, run $k") - $(grep -oP "Step 1 done in \K[0-9.]+" "$2$k.log")" | bc; done | smallest; }
echo "X's share of the variants: $share; smallest of $repeat runs; (time with X - time without) / time with X / share," \
  "target <= 1:"
s1a=$(step1 auto) s1b=$(step1 withx)
s2a=$(step2 "gwas Q1, no X" auto) s2b=$(step2 "gwas Q1, with X" withx)
wa=$(walls "gwas Q1, no X") wb=$(walls "gwas Q1, with X")
ba=$(walls "assoc --bt B1, no X") bb=$(walls "assoc --bt B1, with X")
echo "  step 1: ${s1a} s -> ${s1b} s: $(added "$s1a" "$s1b")"
echo "  step 2 (gwas wall less step 1): ${s2a} s -> ${s2b} s: $(added "$s2a" "$s2b")"
echo "  gwas: ${wa} s -> ${wb} s: $(added "$wa" "$wb")"
echo "  assoc --bt --firth --approx: ${ba} s -> ${bb} s: $(added "$ba" "$bb")"
echo "ratio ridgeway gwas / plink2 --glm (wall, with X): $(ratio "$wb" "$(wall_of "plink2 --glm Q1, with X")")"
