#!/usr/bin/env bash
# ridgeway predict at --precision fp64, fp32 and mixed, side by side: N training samples (default 8,000 and 16,000;
# PREDICT_SIZES overrides, e.g. "8000") x 20,000 variants, 4 traits, fixed hyper-parameters (bandwidth 1, h2 0.5, so
# no cross-validation), linear and gaussian kernels, 2 threads. Per run: wall time and peak memory (/usr/bin/time),
# the phase times of the log, the largest relative prediction difference to fp64 over traits
# (max |p - p_fp64| / max |p_fp64|), and the test MSPE and Pearson r averaged over the traits; then fp64 / mixed wall
# time per kernel. Finally the INT8 Gram throughput tool (ridgeway_int8_throughput, found beside the binary or named
# by INT8_THROUGHPUT) at N x 20,000, when it was built.
# The cohorts have N + 2,000 samples; the test fraction is set so that exactly N samples with every trait train.
# Usage: bench/predict_precision.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=predict_timings.txt
table=predict_precision.txt
: > "$timings"
: > "$table"
m=20000

for n in ${PREDICT_SIZES:-8000 16000}; do
  cohort=predict$((n + 2000))x$m
  [ -f "$cohort.bed" ] || "$ridgeway" simulate --n $((n + 2000)) --m $m --quantitative 4 --binary 0 --seed 1 \
    --threads $threads --out "$cohort" >/dev/null
  # Samples with every trait and covariate (the two files list the same samples in the same order); the test set is
  # drawn among them, so this fraction leaves exactly N to train.
  complete=$(paste -d' ' "$cohort.pheno" "$cohort.covar" | awk 'NR > 1 && !/ NA/ { ++k } END { print k }')
  fraction=$(awk -v c="$complete" -v n="$n" 'BEGIN { printf "%.12f", (c - n) / c }')
  echo "== N = $n training samples ($complete with every trait, test fraction $fraction) x M = $m, $threads threads"
  printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
  for kernel in linear gaussian; do
    bandwidth=()
    [ $kernel = gaussian ] && bandwidth=(--bandwidths 1)
    for precision in fp64 fp32 mixed; do
      out=p${n}_${kernel}_$precision
      measure "predict N=$n $kernel $precision" "$ridgeway" predict --bfile "$cohort" --pheno "$cohort.pheno" \
        --covar "$cohort.covar" --kernel $kernel "${bandwidth[@]}" --h2-grid 0.5 --precision $precision \
        --test-fraction "$fraction" --seed 1 --threads $threads --out "$out"
    done
  done
  /usr/bin/python3 - "$n" "$timings" <<'EOF' | tee -a "$table"
import re
import sys

import numpy as np

n, timings = sys.argv[1], sys.argv[2]
measured = {}
for line in open(timings):
    fields = line.split()
    if len(fields) >= 7 and fields[0] == "predict" and fields[1] == f"N={n}":
        measured[(fields[2], fields[3])] = (float(fields[-3]), float(fields[-1]))


def read_tsv(path):
    with open(path) as handle:
        header = handle.readline().rstrip("\n").split("\t")
        return header, [line.rstrip("\n").split("\t") for line in handle]


def predictions(out):
    _, rows = read_tsv(out + ".predictions.tsv")
    return {tuple(r[:3]): [float(x) for x in r[3:]] for r in rows}


def phases(out):
    text = open(out + ".log").read()
    found = {name: re.search(rf"Phase {name}: ([0-9.]+) s", text) for name in ["kernel build", "factorization", "solve", "prediction"]}
    route = re.search(r"Final solves: (.*?); worst", text)
    return {k: float(v.group(1)) if v else float("nan") for k, v in found.items()}, route.group(1) if route else "?"


print(f"N = {n}: phases in seconds; diff = max relative prediction difference to fp64; MSPE and r averaged over traits")
print(f"{'kernel':<9}{'precision':<10}{'kernel':>8}{'factor':>8}{'solve':>8}{'predict':>8}{'wall':>8}{'peak MiB':>10}"
      f"{'diff':>10}{'MSPE':>10}{'r':>9}  N_TRAIN  solver route")
for kernel in ["linear", "gaussian"]:
    reference = predictions(f"p{n}_{kernel}_fp64")
    keys = sorted(reference)
    b = np.array([reference[k] for k in keys])
    for precision in ["fp64", "fp32", "mixed"]:
        out = f"p{n}_{kernel}_{precision}"
        mine = predictions(out)
        a = np.array([mine[k] for k in keys])
        diff = np.max(np.max(np.abs(a - b), axis=0) / np.max(np.abs(b), axis=0))
        header, rows = read_tsv(out + ".accuracy.tsv")
        mspe = np.mean([float(r[header.index("MSPE")]) for r in rows])
        r = np.mean([float(r[header.index("PEARSON_R")]) for r in rows])
        n_train = rows[0][header.index("N_TRAIN")]
        seconds, route = phases(out)
        wall, peak = measured[(kernel, precision)]
        print(f"{kernel:<9}{precision:<10}{seconds['kernel build']:8.2f}{seconds['factorization']:8.2f}"
              f"{seconds['solve']:8.2f}{seconds['prediction']:8.2f}{wall:8.2f}{peak:10.1f}{diff:10.1e}{mspe:10.5f}"
              f"{r:9.5f}  {n_train:>7}  {route}")
for kernel in ["linear", "gaussian"]:
    print(f"ratio fp64 / mixed end to end, {kernel}: {measured[(kernel, 'fp64')][0] / measured[(kernel, 'mixed')][0]:.2f}")
EOF
done

int8=${INT8_THROUGHPUT:-$(dirname "$ridgeway")/tests/ridgeway_int8_throughput}
if [ -x "$int8" ]; then
  for n in ${PREDICT_SIZES:-8000 16000}; do
    echo "== INT8 Gram throughput, $n x $m, $threads threads" | tee -a "$table"
    "$int8" "$n" $m $threads | tee -a "$table"
  done
else
  echo "(no INT8 throughput tool at $int8: build the ridgeway_int8_throughput target, or set INT8_THROUGHPUT)"
fi
