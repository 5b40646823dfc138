#!/usr/bin/env bash
# gwas killed with SIGKILL at random points, 8 times (every other time its --resume run is killed as well): no file
# ever appears under a final name unless it is complete (byte-identical to an uninterrupted run's), and --resume
# always ends with outputs byte-identical to the uninterrupted run's, the level-0 checkpoint and the killed runs'
# temporary files removed. A killed run leaves its log so far (run.running.log, never run.log), whose last level-0
# block is the checkpoint's last, give or take the one wave of blocks (2 threads) finished between the two writes;
# the finished run's log replaces it. A run killed beside a finished run leaves that run's run.log untouched.
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
# Starts the command in the background and kills it after a random share of the uninterrupted run's time; `killed`
# says whether it was still running then (on a loaded machine the uninterrupted run may have been slower than this one).
run_and_kill() {
  local folder=$1
  shift
  (cd "$folder" && exec "$ridgeway" "$@" >/dev/null 2>&1) &
  local pid=$!
  sleep "$(awk -v ms="$clean_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms / 1000 * (0.05 + 0.9 * r / 32767) }')"
  kill -9 "$pid" 2>/dev/null || true
  local status=0
  wait "$pid" 2>/dev/null || status=$?
  killed=$(( status == 137 ))  # 128 + SIGKILL; 0 when the run had finished
}

# The last level-0 block a killed run's log names (0 for none).
last_logged_block() {
  sed -n 's|^Level 0 block \([0-9]*\)/.*|\1|p' "$1" | tail -1 | grep . || echo 0
}

restored=0 logged_checked=0 finished_first=0
for round in $(seq 1 8); do
  folder=round$round
  mkdir "$folder"
  run_and_kill "$folder" "${gwas[@]}"
  check_finals "$folder"
  if [ "$killed" -eq 0 ]; then  # it finished first: a complete run, which the --resume below must leave as it is
    finished_first=$((finished_first + 1))
  else
    [ -e "$folder/run.running.log" ] || { echo "FAIL: round $round: the killed run left no run.running.log"; exit 1; }
    [ ! -e "$folder/run.log" ] || { echo "FAIL: round $round: the killed run wrote run.log"; exit 1; }
    logged=$(last_logged_block "$folder/run.running.log")
  fi
  if [ $((round % 2)) -eq 0 ]; then
    run_and_kill "$folder" "${gwas[@]}" --resume
    check_finals "$folder"
  fi
  (cd "$folder" && "$ridgeway" "${gwas[@]}" --resume >/dev/null)
  [ ! -e "$folder/run.running.log" ] || { echo "FAIL: round $round: run.running.log outlived the finished run"; exit 1; }
  if [ $((round % 2)) -eq 1 ] && [ "$killed" -eq 1 ]; then
    # The resumed run restored what the killed one left: as many blocks as its log names, or one wave more.
    kept=$(sed -n 's/^--resume: \([0-9]*\) of .*/\1/p' "$folder/run.log")
    kept=${kept:-0}
    [ "$kept" -ge "$logged" ] && [ "$kept" -le $((logged + 2)) ] ||
      { echo "FAIL: round $round: the killed run's log names block $logged, the checkpoint held $kept"; exit 1; }
    logged_checked=$((logged_checked + 1))
  fi
  for f in "${finals[@]}"; do
    [ "$f" = run.log ] || cmp -s "clean/$f" "$folder/$f" || { echo "FAIL: round $round: $f differs after --resume"; exit 1; }
  done
  [ ! -e "$folder/run.level0.resume" ] || { echo "FAIL: round $round: the checkpoint outlived the finished run"; exit 1; }
  leftovers=$(find "$folder" -name '*.tmp-*')
  [ -z "$leftovers" ] || { echo "FAIL: round $round: killed runs' temporary files remain: $leftovers"; exit 1; }
  grep -q "blocks restored from" "$folder/run.log" && restored=$((restored + 1))
done
# A run killed where a finished run's log is: run.log stays that run's, byte for byte.
killed=0
while [ "$killed" -eq 0 ]; do rm -rf finished && cp -r clean finished && run_and_kill finished "${gwas[@]}"; done
cmp -s clean/run.log finished/run.log || { echo "FAIL: a killed run changed the finished run's run.log"; exit 1; }
[ -e finished/run.running.log ] || { echo "FAIL: the killed run beside a finished one left no run.running.log"; exit 1; }
echo "8 killed gwas runs (uninterrupted: ${clean_ms} ms): never an incomplete final file; --resume ended byte-identical" \
     "every time, continuing from restored level-0 blocks in $restored of them; each killed run's log named its last" \
     "level-0 block ($logged_checked checked against the checkpoint), and a finished run's log survived a killed rerun" \
     "($finished_first of the 8 runs finished before their kill)"
