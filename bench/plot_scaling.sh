#!/usr/bin/env bash
# Time and peak memory of `ridgeway plot` (reading a result file, lambda_GC, loci, Manhattan and QQ plots as PNG and
# SVG, the HTML report) for 1, 10 and 50 million variants. The inputs are regenie-layout files of null p-values over
# 22 chromosomes with a few hundred strong signals, made once by awk (plain text: reading, not decompression, is
# measured). Usage: bench/plot_scaling.sh [RIDGEWAY_BINARY] [WORK_FOLDER]
source "$(dirname "$0")/common.sh" "$@"
timings=timings_plot.txt
: > "$timings"
"$ridgeway" --version
printf '%-36s %9s %9s %10s\n' run wall_s cpu_s peak_MiB
for millions in 1 10 50; do
  file=plot${millions}M.regenie
  if [ ! -f "$file" ]; then
    awk -v n=$((millions * 1000000)) 'BEGIN {
      srand(1); print "CHROM GENPOS ID ALLELE0 ALLELE1 LOG10P"; per = int(n / 22)
      for (i = 0; i < n; i++) {
        c = int(i / per) + 1; if (c > 22) c = 22; pos = (i - (c - 1) * per) * 50 + 1
        p = rand(); if (i % 100003 == 0) p = p * 1e-12
        printf "%d %d rs%d A G %.6g\n", c, pos, i, -log(p) / log(10)
      } }' > "$file.tmp" && mv "$file.tmp" "$file"
  fi
  measure "plot ${millions}M variants" "$ridgeway" plot "$file" --out "plot${millions}M"
  echo "  PNG/SVG sizes: $(stat -c '%n %s' plot${millions}M.plot${millions}M.*.png plot${millions}M.plot${millions}M.*.svg 2>/dev/null | tr '\n' ' ')"
done
