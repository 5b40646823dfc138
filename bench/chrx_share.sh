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
measure "gwas Q1, no X" "$ridgeway" gwas "${common[@]}" --pheno-name Q1 --chr 1-22 --out auto
measure "gwas Q1, with X" "$ridgeway" gwas "${common[@]}" --pheno-name Q1 --out withx
measure "assoc --bt B1, no X" "$ridgeway" assoc --bt --firth --approx "${common[@]}" --pheno-name B1 --chr 1-22 \
  --out bauto
measure "assoc --bt B1, with X" "$ridgeway" assoc --bt --firth --approx "${common[@]}" --pheno-name B1 \
  --out bwithx
measure "plink2 --glm Q1, with X" plink2 --bfile chrx --pheno chrx.pheno --pheno-name Q1 --covar chrx.covar \
  --covar-name AGE,PC1,PC2 --glm hide-covar --split-par hg38 --threads $threads --out pwithx

share=$(echo "scale=4; $mx / ($m + $mx)" | bc)
added() { echo "scale=2; ($2 - $1) / $2 / $share" | bc; }  # added time over X's share of the run with X
step1() { grep -oP "Step 1 done in \K[0-9.]+" "$1.log"; }
echo "X's share of the variants: $share; (time with X - time without) / time with X / share, target <= 1:"
s1a=$(step1 auto) s1b=$(step1 withx)
wa=$(wall_of "gwas Q1, no X") wb=$(wall_of "gwas Q1, with X")
echo "  step 1: ${s1a} s -> ${s1b} s: $(added "$s1a" "$s1b")"
echo "  step 2 (gwas wall less step 1): $(echo "$wa - $s1a" | bc) s -> $(echo "$wb - $s1b" | bc) s: $(added "$(echo "$wa - $s1a" | bc)" "$(echo "$wb - $s1b" | bc)")"
echo "  gwas: ${wa} s -> ${wb} s: $(added "$wa" "$wb")"
ba=$(wall_of "assoc --bt B1, no X") bb=$(wall_of "assoc --bt B1, with X")
echo "  assoc --bt --firth --approx: ${ba} s -> ${bb} s: $(added "$ba" "$bb")"
echo "ratio ridgeway gwas / plink2 --glm (wall, with X): $(ratio "$wb" "$(wall_of "plink2 --glm Q1, with X")")"
