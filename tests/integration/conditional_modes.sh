#!/usr/bin/env bash
# Conditional analysis in every step-2 mode, on 1000 Genomes Europeans (chromosomes 19 and 22 of Debian's
# bolt-lmm-example) with the three conditioning variants of conditional_1000genomes.sh and their missing calls:
# --condition-list must give what the same run gives with the conditioning genotypes as ordinary covariate columns
# (NA where a call is missing), to printed precision (compare_conditioned.py states the tolerance), for the t and
# normal statistics with step-1 predictions, and for the score test, exact Firth (likelihood ratio and Wald),
# approximate Firth and the saddle point (every variant corrected: --pThresh 1; these on a quarter of the variants). gwas with --condition-list writes
# the .loco files of gwas without it (step 1 never sees the conditioning variants) and the results of assoc --pred
# --condition-list; split runs, MPI ranks (assoc and gwas, when built with MPI) and thread counts give the single
# run's bytes, and a part run after the conditioning list changed is refused.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
same() { cmp "$1" "$2" || { echo "FAIL: $2 differs from $1"; exit 1; }; }

printf 'rs5028988\nrs7254125\nrs5752916\n' > top.list
ids=rs5028988,rs7254125,rs5752916
/usr/bin/python3 "$here/set_missing_calls.py" EUR_subset cond rs5028988:0,5,9,30,31 rs5752916:5,40,41
# The covariate table with the conditioning genotypes as columns G1-G3 (A1 counts, NA where missing).
plink2 --bfile cond --extract top.list --export A --out top >/dev/null
/usr/bin/python3 - <<'EOF'
genotypes = {}
with open("top.raw") as raw:
    header = raw.readline().split()
    columns = [header.index(next(h for h in header if h.startswith(i + "_"))) for i in ("rs5028988", "rs7254125", "rs5752916")]
    for line in raw:
        f = line.split()
        genotypes[f[1]] = [f[c] for c in columns]
with open("EUR_subset.pheno2.covars") as table, open("genotypes.covars", "w") as out:
    out.write(table.readline().rstrip("\n") + " G1 G2 G3\n")
    for line in table:
        out.write(line.rstrip("\n") + " " + " ".join(genotypes[line.split()[1]]) + "\n")
EOF
inputs=(--bfile cond --chr 19,22 --no-report)
common=("${inputs[@]}" --threads 2)
# The case/control modes on every fourth variant of chromosomes 19 and 22 (and the conditioning ones), for time.
awk '($1 == 19 || $1 == 22) && NR % 4 == 0 { print $2 }' cond.bim | cat - top.list > quarter.list
quantitative=(--pheno EUR_subset.pheno2.covars --pheno-name PHENO)
binary=(--bt --pheno case.pheno --extract quarter.list)
covariates=(--covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV)
with_columns=(--covar genotypes.covars --covar-name QCOV1-QCOV2,CAT_COV,G1-G3)

# gwas: step 1 unchanged by the conditioning, step 2 that of assoc --pred --condition-list.
"$ridgeway" gwas "${common[@]}" "${quantitative[@]}" "${covariates[@]}" --out plain >/dev/null
"$ridgeway" gwas "${common[@]}" "${quantitative[@]}" "${covariates[@]}" --condition-list top.list --out gwas >/dev/null
same plain_1.loco gwas_1.loco
"$ridgeway" assoc "${common[@]}" "${quantitative[@]}" "${covariates[@]}" --condition-list top.list \
  --pred plain_pred.list --out assoc >/dev/null
same <(zcat gwas.PHENO.linear.tsv.gz) <(zcat assoc.PHENO.linear.tsv.gz)

for statistic in t normal; do
  "$ridgeway" assoc "${common[@]}" "${quantitative[@]}" "${covariates[@]}" --pred plain_pred.list \
    --test-stat "$statistic" --condition-list top.list --out "c_$statistic" >/dev/null
  "$ridgeway" assoc "${common[@]}" "${quantitative[@]}" "${with_columns[@]}" --pred plain_pred.list \
    --test-stat "$statistic" --out "v_$statistic" >/dev/null
  echo -n "--test-stat $statistic: "
  /usr/bin/python3 "$here/compare_conditioned.py" "c_$statistic.PHENO.linear.tsv.gz" "v_$statistic.PHENO.linear.tsv.gz" "$ids"
done
modes=("score:" "firth:--firth --pThresh 1" "wald:--firth --firth-wald --pThresh 1" "approx:--firth --approx --pThresh 1"
       "spa:--spa --pThresh 1")
for mode in "${modes[@]}"; do
  name=${mode%%:*}
  read -ra options <<<"${mode#*:}"
  "$ridgeway" assoc "${common[@]}" "${binary[@]}" "${covariates[@]}" "${options[@]}" --condition-list top.list \
    --out "c_$name" >/dev/null
  "$ridgeway" assoc "${common[@]}" "${binary[@]}" "${with_columns[@]}" "${options[@]}" --out "v_$name" >/dev/null
  echo -n "$name: "
  /usr/bin/python3 "$here/compare_conditioned.py" "c_$name.CASE.logistic.tsv.gz" "v_$name.CASE.logistic.tsv.gz" "$ids"
done
[ "$(zcat c_firth.CASE.logistic.tsv.gz | grep -c FIRTH)" -gt 3800 ]
[ "$(zcat c_spa.CASE.logistic.tsv.gz | grep -c SPA)" -gt 3800 ]

# Split runs, ranks and threads: the single run's bytes; a part after the list changed is refused.
single=(assoc "${inputs[@]}" "${binary[@]}" "${covariates[@]}" --firth --pThresh 0.05 --condition-list top.list)
"$ridgeway" "${single[@]}" --threads 2 --out single >/dev/null
"$ridgeway" "${single[@]}" --threads 1 --out one_thread >/dev/null
same single.CASE.logistic.tsv.gz one_thread.CASE.logistic.tsv.gz
"$ridgeway" "${single[@]}" --threads 2 --split 3 --out split >/dev/null
for part in 3 2 1; do "$ridgeway" "${single[@]}" --threads 2 --run-part "$part" --out split >/dev/null; done
"$ridgeway" "${single[@]}" --threads 2 --merge --out split >/dev/null
same single.CASE.logistic.tsv.gz split.CASE.logistic.tsv.gz
printf 'rs5028988\n' > top.list
status=0
stderr=$("$ridgeway" "${single[@]}" --threads 2 --run-part 1 --out split 2>&1 >/dev/null) || status=$?
[ "$status" -eq 5 ] && [[ "$stderr" == *"split.split: the plan was written by another command line"* ]] ||
  { echo "FAIL: a part with another conditioning list: exit $status: $stderr"; exit 1; }
printf 'rs5028988\nrs7254125\nrs5752916\n' > top.list
if "$ridgeway" --version | grep -q MPI && command -v mpirun >/dev/null; then
  mpirun --oversubscribe --allow-run-as-root -np 3 "$ridgeway" "${single[@]}" --threads 1 --out ranks >/dev/null
  same single.CASE.logistic.tsv.gz ranks.CASE.logistic.tsv.gz
  mpirun --oversubscribe --allow-run-as-root -np 2 "$ridgeway" gwas "${inputs[@]}" --threads 1 "${quantitative[@]}" \
    "${covariates[@]}" --condition-list top.list --out ranks >/dev/null
  same <(zcat gwas.PHENO.linear.tsv.gz) <(zcat ranks.PHENO.linear.tsv.gz)
  echo "MPI ranks (assoc on 3, gwas on 2): the single run's results"
fi
echo "gwas, split runs and threads: the single run's files"
