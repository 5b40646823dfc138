#!/usr/bin/env bash
# gwas killed with SIGKILL at random points, 8 times (every other time its --resume run is killed as well): no file
# ever appears under a final name unless it is complete (byte-identical to an uninterrupted run's), and --resume
# always ends with outputs byte-identical to the uninterrupted run's, the level-0 checkpoint and the killed runs'
# temporary files removed.
set -euo pipefail
ridgeway=$(realpath "$1") scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch/clean" && cd "$scratch"
"$ridgeway" simulate --n 2000 --m 20000 --quantitative 2 --binary 0 --seed 12 --threads 2 --out cohort >/dev/null
gwas=(gwas --bfile ../cohort --pheno ../cohort.pheno --covar ../cohort.covar --bsize 400 --threads 2 --no-report --out run)
start=$(date +%s%N)
(cd clean && "$ridgeway" "${gwas[@]}" >/dev/null)
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
finals=(run_1.loco run_2.loco run_pred.list run.Q1.linear.tsv.gz run.Q1.linear.tsv.gz.tbi run.Q2.linear.tsv.gz
        run.Q2.linear.tsv.gz.tbi run.log)

# Every file under a final name must be the uninterrupted run's (the log aside, which records times).
check_finals() {
  for f in "${finals[@]}"; do
    [ -e "$1/$f" ] || continue
    [ "$f" = run.log ] || cmp -s "clean/$f" "$1/$f" || { echo "FAIL: $1/$f differs from the uninterrupted run's"; exit 1; }
  done
}
# Starts the command in the background and kills it after a random share of the uninterrupted run's time.
run_and_kill() {
  local folder=$1
  shift
  (cd "$folder" && exec "$ridgeway" "$@" >/dev/null 2>&1) &
  local pid=$!
  sleep "$(awk -v ms="$clean_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms / 1000 * (0.05 + 0.9 * r / 32767) }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

restored=0
for round in $(seq 1 8); do
  folder=round$round
  mkdir "$folder"
  run_and_kill "$folder" "${gwas[@]}"
  check_finals "$folder"
  if [ $((round % 2)) -eq 0 ]; then
    run_and_kill "$folder" "${gwas[@]}" --resume
    check_finals "$folder"
  fi
  (cd "$folder" && "$ridgeway" "${gwas[@]}" --resume >/dev/null)
  for f in "${finals[@]}"; do
    [ "$f" = run.log ] || cmp -s "clean/$f" "$folder/$f" || { echo "FAIL: round $round: $f differs after --resume"; exit 1; }
  done
  [ ! -e "$folder/run.level0.resume" ] || { echo "FAIL: round $round: the checkpoint outlived the finished run"; exit 1; }
  leftovers=$(find "$folder" -name '*.tmp-*')
  [ -z "$leftovers" ] || { echo "FAIL: round $round: killed runs' temporary files remain: $leftovers"; exit 1; }
  grep -q "blocks restored from" "$folder/run.log" && restored=$((restored + 1))
done
echo "8 killed gwas runs (uninterrupted: ${clean_ms} ms): never an incomplete final file; --resume ended byte-identical" \
     "every time, continuing from restored level-0 blocks in $restored of them"
