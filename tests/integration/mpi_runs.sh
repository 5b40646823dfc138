#!/usr/bin/env bash
# Distributed runs (mpirun -np R ridgeway step1|assoc|gwas|predict) give the files of a single process, byte for
# byte, for 1 to 4 ranks (quantitative traits on 1, 3 and 4, case/control on 2 and 3): step 1's .loco files and
# --print-prs's .prs files (quantitative and case/control traits; level 1 spread by trait),
# assoc's results (linear; logistic with Firth), gwas's .loco files, prediction list, results and report, and
# predict's predictions, accuracy, cross-validation table and model (linear on calls, gaussian on dosages; the fourth
# rank without a tile), and rank 0's log lists what every rank did. More ranks than units of work still work. A rank
# killed mid-run ends the whole run with a non-zero exit and no final file. Skipped (exit 0) when ridgeway is built
# without MPI (as the sanitizer build is) or mpirun is missing.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! "$ridgeway" --version | grep -q "MPI"; then
  echo "SKIP: $ridgeway is built without MPI (install libopenmpi-dev and rebuild)"
  exit 0
fi
if ! command -v mpirun >/dev/null; then
  echo "SKIP: mpirun is not installed (openmpi-bin)"
  exit 0
fi
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
mpi() { local ranks=$1; shift; mpirun --oversubscribe --allow-run-as-root -np "$ranks" "$ridgeway" "$@"; }
same() { cmp "$1" "$2" || { echo "FAIL: $2 differs from the single run's $1"; exit 1; }; }
"$ridgeway" simulate --n 2000 --m 12000 --quantitative 2 --binary 1 --prevalence 0.2 --seed 5 --threads 2 \
  --out cohort >/dev/null
inputs=(--bfile cohort --pheno cohort.pheno --covar cohort.covar --threads 1)
step1_q=(step1 "${inputs[@]}" --pheno-name Q1,Q2)
step1_b=(step1 "${inputs[@]}" --pheno-name B1 --bt --bsize 500)
assoc_q=(assoc "${inputs[@]}" --pheno-name Q1,Q2 --pred single_q_pred.list --no-report)
assoc_b=(assoc "${inputs[@]}" --pheno-name B1 --bt --firth --pThresh 0.2 --pred single_b_pred.list --no-report)

"$ridgeway" "${step1_q[@]}" --bsize 500 --print-prs --out single_q >/dev/null
"$ridgeway" "${step1_b[@]}" --out single_b >/dev/null
"$ridgeway" "${assoc_q[@]}" --out single_q >/dev/null
"$ridgeway" "${assoc_b[@]}" --out single_b >/dev/null
for ranks in 1 3 4; do
  mpi $ranks "${step1_q[@]}" --bsize 500 --print-prs --out q$ranks >/dev/null
  for k in 1 2; do same single_q_$k.loco q${ranks}_$k.loco; same single_q_$k.prs q${ranks}_$k.prs; done
  mpi $ranks "${assoc_q[@]}" --out aq$ranks >/dev/null
  for t in Q1 Q2; do
    for f in linear.tsv.gz linear.tsv.gz.tbi; do same single_q.$t.$f aq$ranks.$t.$f; done
  done
done
for ranks in 2 3; do
  mpi $ranks "${step1_b[@]}" --out b$ranks >/dev/null
  same single_b_1.loco b${ranks}_1.loco
  mpi $ranks "${assoc_b[@]}" --out ab$ranks >/dev/null
  same single_b.B1.logistic.tsv.gz ab$ranks.B1.logistic.tsv.gz
done
[ "$(zcat single_b.B1.logistic.tsv.gz | grep -c FIRTH)" -gt 100 ] || { echo "FAIL: too few Firth rows to test"; exit 1; }
# Level 1 over the ranks by trait (trait t on rank t mod R): three case/control traits on 2 and 3 ranks.
"$ridgeway" simulate --n 1500 --m 4000 --quantitative 0 --binary 3 --prevalence 0.3 --seed 9 --threads 2 \
  --out cc >/dev/null
cc_step1=(step1 --bfile cc --pheno cc.pheno --covar cc.covar --bt --bsize 500 --threads 1)
"$ridgeway" "${cc_step1[@]}" --print-prs --out single_cc >/dev/null
for ranks in 2 3; do
  mpi $ranks "${cc_step1[@]}" --print-prs --out cc$ranks >/dev/null
  for k in 1 2 3; do same single_cc_$k.loco cc${ranks}_$k.loco; same single_cc_$k.prs cc${ranks}_$k.prs; done
done
grep -q "Level 1 over 2 ranks (trait t on rank t mod 2)" cc2.log
grep -Eq "^  rank 0: 2 traits fitted in [0-9.]+ s" cc2.log
grep -Eq "^  rank 1: 1 trait fitted in [0-9.]+ s" cc2.log
# Rank 0's log says what each rank did.
grep -q "Distributed run: 3 MPI ranks, 3 parts of level-0 blocks" q3.log
grep -Eq "^  rank 2: 10 level-0 blocks, compute [0-9.]+ s, waited [0-9.]+ s, sent [0-9.]+ MiB" q3.log
grep -q "Level 0: 30 blocks read from 3 ranks" q3.log
grep -q "rank 2: no trait to fit" q3.log
grep -Eq "^  rank 3: [0-9]+ variants, compute" aq4.log
grep -q "imbalance" aq4.log
[ ! -e q3.failed.log ] && [ "$(ls q3.rank* 2>/dev/null | wc -l)" -eq 0 ]

# gwas: distributed step 1, the predictions broadcast from rank 0, distributed step 2. Each run in its own folder
# with the same --out, so the prediction list and report name the same files; the report's "Run" section is the log
# (times, ranks) and is left out of the comparison.
gwas_inputs=(--bfile ../cohort --pheno ../cohort.pheno --covar ../cohort.covar --threads 1 --bsize 500)
gwas_q=(gwas "${gwas_inputs[@]}" --pheno-name Q1,Q2)
gwas_b=(gwas "${gwas_inputs[@]}" --pheno-name B1 --bt --firth --approx --pThresh 0.2)
computed() { sed '/<h2>Run<\/h2>/,$d' "$1"; }
# gwas_in FOLDER RANKS ARGS: 0 ranks is a single process without mpirun.
gwas_in() {
  local folder=$1 ranks=$2; shift 2
  mkdir -p "$folder"
  if [ "$ranks" -eq 0 ]; then (cd "$folder" && "$ridgeway" "$@" --out g >/dev/null)
  else (cd "$folder" && mpi "$ranks" "$@" --out g >/dev/null); fi
}
same_gwas() {
  local single=$1 run=$2 ext=$3; shift 3
  for f in g_pred.list "$@"; do same "$single/$f" "$run/$f"; done
  for f in "$single"/g.*."$ext".tsv.gz; do
    cmp <(zcat "$f") <(zcat "$run/${f##*/}") || { echo "FAIL: $run/${f##*/} differs from the single run's"; exit 1; }
  done
  cmp <(computed "$single/g.report.html") <(computed "$run/g.report.html") ||
    { echo "FAIL: $run/g.report.html differs from the single run's"; exit 1; }
}
gwas_in gwas_q 0 "${gwas_q[@]}"
gwas_in gwas_b 0 "${gwas_b[@]}"
for ranks in 2 3; do
  gwas_in gwas_q$ranks $ranks "${gwas_q[@]}"
  same_gwas gwas_q gwas_q$ranks linear g_1.loco g_2.loco
done
gwas_in gwas_b3 3 "${gwas_b[@]}"
same_gwas gwas_b gwas_b3 logistic g_1.loco
# Rank 0's gwas log has the per-rank lines of both steps, and the broadcast between them.
grep -q "Distributed run: 3 MPI ranks, 3 parts of level-0 blocks" gwas_q3/g.log
grep -q "Step-1 predictions broadcast from rank 0 to 2 ranks" gwas_q3/g.log
grep -Eq "^  rank 2: [0-9]+ variants, compute" gwas_q3/g.log
# Split options stay refused for gwas under mpirun too, with the message that splits it as step1 and assoc.
status=0
mpi 2 "${gwas_q[@]}" --split 2 --out refused >/dev/null 2>refused.err || status=$?
[ "$status" -eq 2 ] && grep -q "gwas is split as its two steps" refused.err ||
  { echo "FAIL: gwas --split under 2 ranks exited $status"; cat refused.err; exit 1; }

# More ranks than level-0 blocks: two chromosomes in one block each, for 3 ranks.
"$ridgeway" "${step1_q[@]}" --chr 1,2 --bsize 6000 --out single_few >/dev/null
mpi 3 "${step1_q[@]}" --chr 1,2 --bsize 6000 --out few3 >/dev/null
same single_few_1.loco few3_1.loco
grep -q "rank 2: no part (more ranks than units of work)" few3.log

# Options a distributed run refuses: one line per rank, the usage exit code, nothing written.
status=0
mpi 2 "${step1_q[@]}" --split 2 --out refused >/dev/null 2>refused.err || status=$?
[ "$status" -eq 2 ] || { echo "FAIL: --split under 2 ranks exited $status"; cat refused.err; exit 1; }
grep -q "does not apply to a distributed run" refused.err

# predict: the training products' column tiles dealt to the ranks, the rest on rank 0. 2,144 training samples make
# 3 tiles (1,024, 1,024 and 96 samples). The linear kernel on calls (exact int32 tiles), the gaussian on fractional
# dosages (FP64 tiles, compared byte for byte too); every file equals one process's for 1 to 4 ranks.
"$ridgeway" simulate --n 2700 --m 1500 --quantitative 1 --binary 0 --seed 11 --threads 2 --out pcohort >/dev/null
plink2 --bfile pcohort --export vcf bgz --out pcalls >/dev/null
/usr/bin/python3 "$here/make_dosage_vcf.py" pcalls.vcf.gz pdosages.vcf 1000000 3
bgzip -f pdosages.vcf
predict_linear=(predict --bfile pcohort --pheno pcohort.pheno --kernel linear --form dual --h2-grid 0.3,0.6 --cv 2)
predict_gaussian=(predict --vcf pdosages.vcf.gz --id-delim _ --pheno pcohort.pheno --kernel gaussian --bandwidths 1
  --h2-grid 0.3,0.7 --cv 2)
for kernel in linear gaussian; do
  declare -n args=predict_$kernel
  "$ridgeway" "${args[@]}" --test-fraction 0.2 --seed 3 --threads 1 --out single_p$kernel >/dev/null
  for ranks in 1 2 3 4; do
    mpi $ranks "${args[@]}" --test-fraction 0.2 --seed 3 --threads 1 --out p$kernel$ranks >/dev/null
    for f in predictions.tsv accuracy.tsv cv.tsv model; do same single_p$kernel.$f p$kernel$ranks.$f; done
  done
  grep -q "Distributed run: 3 MPI ranks, 3 parts of training-product tiles" p${kernel}3.log
  grep -q "rank 3: no part (more ranks than units of work)" p${kernel}4.log
  grep -Eq "^  rank 2: 1 training-product tiles, compute [0-9.]+ s, waited [0-9.]+ s, sent [0-9.]+ MiB" p${kernel}3.log
done
grep -q "FP64" single_pgaussian.log
# The primal form has no tiles to deal: rank 0 fits it alone, with the same files.
predict_primal=(predict --bfile pcohort --pheno pcohort.pheno --kernel linear --form primal --h2-grid 0.3,0.6 --cv 2
  --test-fraction 0.2 --seed 3 --threads 1)
"$ridgeway" "${predict_primal[@]}" --out single_pprimal >/dev/null
mpi 2 "${predict_primal[@]}" --out pprimal2 >/dev/null
for f in predictions.tsv accuracy.tsv cv.tsv model; do same single_pprimal.$f pprimal2.$f; done
grep -q "the primal form (variants x variants) is fitted on rank 0 alone" pprimal2.log
# predict --model stays in one process.
status=0
mpi 2 predict --model single_plinear.model --bfile pcohort --out refused >/dev/null 2>refused.err || status=$?
[ "$status" -eq 2 ] && grep -q "predict --model runs in one process" refused.err ||
  { echo "FAIL: predict --model under 2 ranks exited $status"; cat refused.err; exit 1; }

# A rank killed mid-run ends the whole run: non-zero exit, no final file.
"$ridgeway" simulate --n 3000 --m 60000 --quantitative 1 --seed 7 --threads 2 --out large >/dev/null
mpirun --oversubscribe --allow-run-as-root -np 3 "$ridgeway" step1 --bfile large --pheno large.pheno \
  --covar large.covar --pheno-name Q1 --bsize 500 --threads 1 --out killed >killed.out 2>&1 &
launcher=$!
# On one node mpirun starts the ranks itself: they are its children. Kill the last one once all three run.
ranks=()
for _ in $(seq 1 300); do
  mapfile -t ranks < <(pgrep -P $launcher -f ridgeway || true)
  [ ${#ranks[@]} -ge 3 ] && break
  sleep 0.1
done
[ ${#ranks[@]} -ge 3 ] || { echo "FAIL: the ranks of the run to kill did not start"; exit 1; }
sleep 2
kill -9 "${ranks[-1]}"
status=0
wait $launcher || status=$?
[ "$status" -ne 0 ] || { echo "FAIL: a run with a killed rank exited 0"; exit 1; }
left=$(ls killed_* 2>/dev/null || true)
[ -z "$left" ] && [ ! -e killed.log ] || { echo "FAIL: a run with a killed rank left $left"; exit 1; }
echo "distributed step1, assoc, gwas and predict runs are byte-identical to a single process; a killed rank ends the run"
