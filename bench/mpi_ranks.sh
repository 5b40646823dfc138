#!/usr/bin/env bash
# Distributed step 1 and assoc (mpirun -np R) for R = 1 .. 4 ranks on one simulated cohort (default N = 10,000 x
# M = 100,000, 2 traits, blocks of 1,000; MPI_N, MPI_M, MPI_TRAITS and MPI_BSIZE override, MPI_RANKS the rank counts,
# MPI_THREADS the threads per rank): wall time, and from rank 0's log per rank its units, compute time, wait time and
# bytes sent, the imbalance (slowest rank's compute time / mean), and level 1's traits and time per rank. Small blocks
# and several traits (MPI_BSIZE=40 MPI_TRAITS=4) make level 1 the larger phase. Checks that every run's files equal the single process's. On a machine with fewer cores than
# ranks the ranks share cores (--oversubscribe), so read the bytes, the imbalance and the phase split, not the speed-up.
# Usage: bench/mpi_ranks.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=timings_mpi.txt
: > "$timings"
n=${MPI_N:-10000} m=${MPI_M:-100000} rank_counts=${MPI_RANKS:-"1 2 3 4"} per_rank=${MPI_THREADS:-1}
traits=${MPI_TRAITS:-2} bsize=${MPI_BSIZE:-1000}
names=$(seq -s, -f 'Q%g' 1 "$traits")
"$ridgeway" --version
"$ridgeway" --version | grep -q MPI || { echo "Error: $ridgeway is built without MPI" >&2; exit 1; }
data=mpi_${n}x${m}x${traits}
[ -f $data.bed ] || "$ridgeway" simulate --n "$n" --m "$m" --quantitative "$traits" --seed 11 --threads "$threads" \
  --out $data >/dev/null
inputs=(--bfile $data --pheno $data.pheno --covar $data.covar --pheno-name "$names" --threads "$per_rank")
"$ridgeway" step1 "${inputs[@]}" --bsize "$bsize" --out mpi_single >/dev/null
"$ridgeway" assoc "${inputs[@]}" --pred mpi_single_pred.list --no-report --out mpi_single >/dev/null
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
for ranks in $rank_counts; do
  mpi=(mpirun --oversubscribe --allow-run-as-root -np "$ranks" "$ridgeway")
  measure "step1 $ranks ranks" "${mpi[@]}" step1 "${inputs[@]}" --bsize "$bsize" --out mpi_s$ranks
  for ((k = 1; k <= traits; k++)); do cmp mpi_single_$k.loco mpi_s${ranks}_$k.loco; done
  grep -E "^  (rank|imbalance)|^Level 0 of this part done|^Level 0: .* blocks read|^Level 1 over|^Step 1 done|^Merge and level 1 done" \
    mpi_s$ranks.log | sed "s/^/    /" || true
  measure "assoc $ranks ranks" "${mpi[@]}" assoc "${inputs[@]}" --pred mpi_single_pred.list --no-report --out mpi_a$ranks
  cmp <(zcat mpi_single.Q1.linear.tsv.gz) <(zcat mpi_a$ranks.Q1.linear.tsv.gz)
  grep -E "^  (rank|imbalance)" mpi_a$ranks.log | sed "s/^/    /" || true
done
