#!/usr/bin/env bash
# Runs watched as a batch job would be. Without a terminal (stderr to a file) a long phase prints whole progress lines
# with an estimate of the time left, at most one per 10 s; on a terminal the redrawn line shows the estimate too;
# --quiet leaves stdout and stderr empty on success, its log complete. The log grows as the run goes: a run killed in
# level 0 leaves <out>.running.log up to its last finished block, and the finished run's <out>.log beside it
# untouched. --resume with options added that change no result (--no-report, --quiet, another --threads) continues
# from the checkpoint and ends with the uninterrupted run's result files, byte for byte.
set -euo pipefail
ridgeway=$(realpath "$1") scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
fail() { echo "FAIL: $*"; exit 1; }
"$ridgeway" simulate --n 3000 --m 30000 --quantitative 2 --binary 0 --seed 5 --threads 2 --out cohort >/dev/null
"$ridgeway" simulate --n 400 --m 3000 --quantitative 1 --binary 0 --seed 6 --threads 2 --out small >/dev/null
inputs=(--bfile cohort --pheno cohort.pheno --covar cohort.covar)
gwas=(gwas "${inputs[@]}" --bsize 300)
small=(gwas --bfile small --pheno small.pheno --covar small.covar --bsize 100 --threads 2 --no-report)
clock='[0-9]+:[0-9]{2}:[0-9]{2}'

# Without a terminal: level 0 of 30 blocks of 1000 variants lasts 20 s or more with one thread.
"$ridgeway" step1 "${inputs[@]}" --bsize 1000 --threads 1 --out lines >lines.stdout 2>lines.stderr
grep -Eq "^Level 0: block \[[0-9]+/30\] [0-9]+%, $clock elapsed, about $clock left\$" lines.stderr ||
  fail "no progress line with an estimate on a redirected stderr ($(grep 'Level 0 done' lines.log)): $(head -3 lines.stderr)"
grep -Eq "^Level 0: block \[30/30\] done in $clock\$" lines.stderr || fail "no closing progress line: $(cat lines.stderr)"
! grep -q $'\r' lines.stderr || fail "terminal redraws on a redirected stderr"
# At most one line per 10 s of the phase, plus the closing line.
level0_seconds=$(sed -En 's/^Level 0: block \[30\/30\] done in ([0-9]+):([0-9]+):([0-9]+)$/\1 \2 \3/p' lines.stderr |
                 awk '{ print $1 * 3600 + $2 * 60 + $3 }')
level0_lines=$(grep -c '^Level 0: block' lines.stderr)
[ "$level0_lines" -le $((level0_seconds / 10 + 2)) ] ||
  fail "$level0_lines level-0 progress lines in $level0_seconds s: more than one per 10 s"
[ ! -e lines.running.log ] && grep -q '^Real time: ' lines.log || fail "the finished run's log is not lines.log"

# The run killed and resumed below, uninterrupted.
"$ridgeway" "${gwas[@]}" --threads 1 --out full >/dev/null 2>&1
mkdir reference && cp full.Q1.linear.tsv.gz full.Q2.linear.tsv.gz full_1.loco full_2.loco full.log reference/

# On a terminal: the redrawn line shows the estimate.
script -qec "$(printf '%q ' "$ridgeway" "${small[@]}" --out tty)" /dev/null </dev/null >tty.screen ||
  fail "the run on a terminal failed: $(tail -3 tty.screen)"
grep -Eq "Level 0: block \[[0-9]+/30\] [0-9]+%, $clock elapsed, about $clock left" tty.screen ||
  fail "no estimate on the terminal: $(tr '\r' '\n' <tty.screen | grep -m3 'Level 0')"

# --quiet: nothing on stdout or stderr, the log complete.
"$ridgeway" "${small[@]}" --quiet --out quiet >quiet.stdout 2>quiet.stderr
[ ! -s quiet.stdout ] && [ ! -s quiet.stderr ] ||
  fail "--quiet printed: $(head -3 quiet.stdout quiet.stderr)"
grep -q '^Written: quiet.Q1.linear.tsv.gz$' quiet.log && grep -q '^Real time: ' quiet.log ||
  fail "--quiet left the log incomplete"
"$ridgeway" "${small[@]}" --out loud >loud.stdout 2>/dev/null
grep -q '^Written: loud.log$' loud.stdout || fail "no informational lines without --quiet"

# Killed in level 0 beside the finished run: its log so far, the finished log untouched.
"$ridgeway" "${gwas[@]}" --threads 1 --out full >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q '^Level 0 block 5/' full.running.log 2>/dev/null && break
  sleep 0.1
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
cmp -s reference/full.log full.log || fail "a killed run changed the finished run's full.log"
logged=$(sed -n 's|^Level 0 block \([0-9]*\)/100: chromosome .*|\1|p' full.running.log | tail -1)
[ "${logged:-0}" -ge 5 ] || fail "the killed run's log names no level-0 block from 5 on: $(tail -2 full.running.log)"

# --resume with --no-report, --quiet and two threads: the checkpoint is taken, the results are the uninterrupted run's.
"$ridgeway" "${gwas[@]}" --out full --resume --no-report --quiet --threads 2 >/dev/null 2>resume.stderr ||
  fail "the resumed run failed: $(cat resume.stderr)"
restored=$(sed -n 's/^--resume: \([0-9]*\) of 100 level-0 blocks restored from full.level0.resume$/\1/p' full.log)
[ -n "$restored" ] && [ "$restored" -ge "$logged" ] ||
  fail "--resume with --no-report, --quiet and --threads 2 did not continue from the checkpoint: $(grep -e '--resume' full.log)"
for f in full.Q1.linear.tsv.gz full.Q2.linear.tsv.gz full_1.loco full_2.loco; do
  cmp -s "reference/$f" "$f" || fail "$f differs after --resume"
done
[ ! -e full.running.log ] && [ ! -e full.level0.resume ] || fail "the resumed run left its running log or checkpoint"
echo "progress without a terminal: $level0_lines level-0 lines in $level0_seconds s, e.g. '$(grep -m1 'left$' lines.stderr)';" \
     "estimate on a terminal; --quiet silent; killed at block $logged with its log so far; --resume --no-report" \
     "--quiet --threads 2 restored $restored of 100 blocks and ended byte-identical"
