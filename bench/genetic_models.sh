#!/usr/bin/env bash
# The cost of --test dominant and recessive (each block recoded once, allele frequencies from the additive calls)
# against the additive test, side by side with plink2 --glm and plink2 --glm dominant on the same data: 1 and 10
# quantitative traits, and a case/control trait (score test with --firth --approx), 3 covariates, 2 threads, on
# MODELS_N x MODELS_M (default 10,000 x 50,000). Usage: bench/genetic_models.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=models_timings.txt
n=${MODELS_N:-10000} m=${MODELS_M:-50000} tag=models_${MODELS_N:-10000}x${MODELS_M:-50000}
if [ ! -f "$tag.bed" ]; then
  "$ridgeway" simulate --n "$n" --m "$m" --quantitative 10 --binary 1 --seed 1 --threads $threads --out "$tag" >/dev/null
fi
common=(--bfile "$tag" --pheno "$tag.pheno" --covar "$tag.covar" --covar-name AGE,SEX,PC1 --threads $threads)
traits10=Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10
: > "$timings"
echo "== $n samples x $m variants, 3 covariates, $threads threads"
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
measure "plink2 additive 1 trait" plink2 "${common[@]}" --pheno-name Q1 --glm hide-covar omit-ref --out pa
measure "plink2 dominant 1 trait" plink2 "${common[@]}" --pheno-name Q1 --glm hide-covar omit-ref dominant --out pd
for model in additive dominant recessive; do
  measure "ridgeway $model 1 trait" "$ridgeway" assoc "${common[@]}" --pheno-name Q1 --test $model --no-report \
    --out r1$model
  measure "ridgeway $model 10 traits" "$ridgeway" assoc "${common[@]}" --pheno-name $traits10 --test $model \
    --no-report --out r10$model
  measure "ridgeway $model bt approx" "$ridgeway" assoc "${common[@]}" --pheno-name B1 --bt --firth --approx \
    --test $model --no-report --out rb$model
done
for kind in "1 trait" "10 traits" "bt approx"; do
  echo "ratio $kind: dominant/additive $(ratio "$(wall_of "ridgeway dominant $kind")" "$(wall_of "ridgeway additive $kind")")," \
       "recessive/additive $(ratio "$(wall_of "ridgeway recessive $kind")" "$(wall_of "ridgeway additive $kind")")"
done
echo "ratio 1 trait: ridgeway/plink2 additive $(ratio "$(wall_of "ridgeway additive 1 trait")" "$(wall_of "plink2 additive 1 trait")")," \
     "dominant $(ratio "$(wall_of "ridgeway dominant 1 trait")" "$(wall_of "plink2 dominant 1 trait")")"
