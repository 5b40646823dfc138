#!/usr/bin/env bash
# What conditional analysis costs: assoc on a simulated cohort (default 10,000 samples x 100,000 variants, 2 threads,
# covariates AGE, PC1, PC2) without and with --condition-list naming five variants spread over the genome, for the
# quantitative trait Q1 (t test) and the case/control trait B1 (--bt --firth --approx). Each pair runs
# COND_REPEAT times (default 2), interleaved, and the smallest time of each counts (the machines are noisy). Prints
# the ratio conditional / ordinary per trait (target: at most 2), and the same ratio for plink2 --glm
# --condition-list, the peer.
# Usage: bench/conditional_cost.sh [RIDGEWAY_BINARY] [WORK_FOLDER]   (COND_N, COND_M, COND_REPEAT override)
source "$(dirname "$0")/common.sh" "$@"
timings=timings_conditional.txt
n=${COND_N:-10000} m=${COND_M:-100000} repeat=${COND_REPEAT:-2}
"$ridgeway" simulate --n "$n" --m "$m" --quantitative 1 --binary 1 --prevalence 0.2 --h2 0.3 --causal 200 --seed 7 \
  --threads $threads --out cond >/dev/null
# Five variants, one in each fifth of the file.
awk -v m="$m" 'NR % int(m / 5) == int(m / 10) { print $2 }' cond.bim > five.list
common=(--bfile cond --pheno cond.pheno --covar cond.covar --covar-name AGE,PC1,PC2 --threads $threads --no-report)

: > "$timings"
"$ridgeway" --version | head -1
echo "== $n samples x $m variants, $threads threads; conditioning on $(wc -l < five.list) variants: $(paste -sd' ' five.list)"
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
for ((k = 1; k <= repeat; k++)); do
  measure "assoc Q1, run $k" "$ridgeway" assoc "${common[@]}" --pheno-name Q1 --out q$k
  measure "assoc Q1 conditional, run $k" "$ridgeway" assoc "${common[@]}" --pheno-name Q1 --condition-list five.list \
    --out qc$k
  measure "assoc --bt B1, run $k" "$ridgeway" assoc --bt --firth --approx "${common[@]}" --pheno-name B1 --out b$k
  measure "assoc --bt B1 conditional, run $k" "$ridgeway" assoc --bt --firth --approx "${common[@]}" --pheno-name B1 \
    --condition-list five.list --out bc$k
done
plink=(--bfile cond --pheno cond.pheno --pheno-name Q1 --covar cond.covar --covar-name AGE,PC1,PC2 --glm hide-covar
       --threads $threads)
measure "plink2 --glm Q1, ordinary" plink2 "${plink[@]}" --out p
measure "plink2 --glm Q1, conditional" plink2 "${plink[@]}" --condition-list five.list --out pc

smallest() { sort -g | head -1; }
walls() { for ((k = 1; k <= repeat; k++)); do wall_of "$1, run $k"; done | smallest; }
# CPU time too: on a shared machine the wall time also measures the other users.
cpu_of() { awk -v n="$1" 'index($0, n " ") == 1 { print $(NF-1) }' "$timings"; }
cpus() { for ((k = 1; k <= repeat; k++)); do cpu_of "$1, run $k"; done | smallest; }
echo "conditional / ordinary (smallest of $repeat runs; target <= 2):"
for pair in "assoc Q1" "assoc --bt B1"; do
  a=$(walls "$pair") b=$(walls "$pair conditional") ca=$(cpus "$pair") cb=$(cpus "$pair conditional")
  echo "  $pair: wall ${a} s -> ${b} s: $(ratio "$b" "$a"); CPU ${ca} s -> ${cb} s: $(ratio "$cb" "$ca")"
done
pa=$(wall_of "plink2 --glm Q1, ordinary") pb=$(wall_of "plink2 --glm Q1, conditional")
pca=$(cpu_of "plink2 --glm Q1, ordinary") pcb=$(cpu_of "plink2 --glm Q1, conditional")
echo "  plink2 --glm Q1 (the peer): wall ${pa} s -> ${pb} s: $(ratio "$pb" "$pa"); CPU ${pca} s -> ${pcb} s: $(ratio "$pcb" "$pca")"
