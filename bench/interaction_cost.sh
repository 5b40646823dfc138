#!/usr/bin/env bash
# What an interaction test costs over the ordinary additive test in step 2: one simulated cohort (default 10,000
# samples x 100,000 variants, two quantitative and one case/control trait, 2 threads), ordinary `assoc` against
# `assoc --interaction PC1` (G x E with HC3 standard errors, the default, and model-based ones, --no-robust), `--test
# genotypic`, and the same for --bt (score tests for every variant, the logistic refit below --pThresh 0.05; and with
# --firth). Prints each run's times and each model's ratio to the ordinary step 2 of its traits (target: at most 2).
# Usage: bench/interaction_cost.sh [RIDGEWAY_BINARY] [WORK_FOLDER]   (INTERACTION_N, INTERACTION_M override the size)
source "$(dirname "$0")/common.sh" "$@"
timings=timings_interaction.txt
n=${INTERACTION_N:-10000} m=${INTERACTION_M:-100000}
"$ridgeway" simulate --n "$n" --m "$m" --quantitative 2 --binary 1 --prevalence 0.2 --h2 0.3 --causal 200 --seed 4 \
  --threads $threads --out interaction >/dev/null
common=(assoc --bfile interaction --pheno interaction.pheno --covar interaction.covar --covar-name AGE,SEX,PC1,PC2
        --threads $threads --no-report)

: > "$timings"
"$ridgeway" --version | head -1
echo "== $n samples x $m variants, covariates AGE, SEX, PC1, PC2, $threads threads"
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
measure "additive Q1,Q2" "$ridgeway" "${common[@]}" --pheno-name Q1,Q2 --out additive
measure "interaction PC1 (HC3) Q1,Q2" "$ridgeway" "${common[@]}" --pheno-name Q1,Q2 --interaction PC1 --out hc3
measure "interaction PC1 (--no-robust) Q1,Q2" "$ridgeway" "${common[@]}" --pheno-name Q1,Q2 --interaction PC1 \
  --no-robust --out plain
measure "genotypic Q1,Q2" "$ridgeway" "${common[@]}" --pheno-name Q1,Q2 --test genotypic --out genotypic
measure "additive --bt B1" "$ridgeway" "${common[@]}" --bt --pheno-name B1 --out bt_additive
measure "interaction PC1 --bt B1" "$ridgeway" "${common[@]}" --bt --pheno-name B1 --interaction PC1 --out bt_hc3
measure "additive --bt --firth B1" "$ridgeway" "${common[@]}" --bt --firth --pheno-name B1 --out bt_firth
measure "interaction PC1 --bt --firth B1" "$ridgeway" "${common[@]}" --bt --firth --pheno-name B1 --interaction PC1 \
  --out bt_int_firth

echo "ratios to the ordinary step 2 (wall time):"
for run in "interaction PC1 (HC3) Q1,Q2" "interaction PC1 (--no-robust) Q1,Q2" "genotypic Q1,Q2"; do
  echo "  $run: $(ratio "$(wall_of "$run")" "$(wall_of "additive Q1,Q2")")"
done
echo "  interaction PC1 --bt B1: $(ratio "$(wall_of "interaction PC1 --bt B1")" "$(wall_of "additive --bt B1")")"
echo "  interaction PC1 --bt --firth B1: $(ratio "$(wall_of "interaction PC1 --bt --firth B1")" \
  "$(wall_of "additive --bt --firth B1")")"
for out in bt_hc3 bt_int_firth; do
  echo "  $out: $(grep -oP 'B1: \K.*(?= ->)' $out.log)"
done
