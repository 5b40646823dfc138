# Sourced by binary_calibration.sh (prevalence 10%) and binary_calibration_rare.sh (1%): every case/control mode on
# simulated null traits (h2 = 0, N = 10,000, four traits, 60,000 variants), at the default --pThresh 0.05 and at
# --pThresh 1, checked by check_calibration.py. At the default the score test, --spa and --firth --approx run on
# every variant; at --pThresh 1, where every variant is corrected, --spa and --approx run on the rare variants (MAF
# 0.1-1%) and every 8th common one. Exact Firth (its likelihood-ratio test, the default, and --firth-wald) costs
# two Newton fits per corrected variant, so it runs on 300 common and 300 rare variants, and is also compared,
# variant by variant, with --approx at the same --pThresh.
# The log's lambda_GC of the corrected variants (their median chi-square over qchisq(1 - t/2, 1), the median for null
# p-values selected below --pThresh t), which the report shows, must be within [0.95, 1.05] for each of the four
# traits of a run correcting every variant's p below the default threshold.
corrected_lambda() {
  local values
  values=$(grep -oP 'lambda_GC \K[0-9.]+(?= over the \d+ variants corrected by)' "$1" | tr '\n' ' ')
  echo "$1: lambda_GC of the corrected variants per trait: $values"
  echo "$values" | awk '{ if (NF != 4) exit 1; for (i = 1; i <= NF; i++) if ($i < 0.95 || $i > 1.05) exit 1 }' ||
    { echo "FAIL: $1: lambda_GC of the corrected variants outside [0.95, 1.05] or missing"; return 1; }
}

# Usage: calibrate PREVALENCE SCORE_EXPECTATION WALD_EXPECTATION (each calibrated or inflated, for rare variants: the
# uncorrected score test, and Firth's Wald p-values with few cases, are known to be anti-conservative there)
calibrate() {
  local prevalence=$1 score_expect=$2 wald_expect=$3 check=(/usr/bin/python3 "$here/check_calibration.py")
  "$ridgeway" simulate --n 10000 --m 60000 --min-maf 0.001 --h2 0 --quantitative 0 --binary 4 \
    --prevalence "$prevalence" --seed 11 --threads 2 --out null >/dev/null
  local inputs=(--bt --bfile null --pheno null.pheno --covar null.covar --threads 2)
  "$ridgeway" assoc "${inputs[@]}" --no-report --out score >/dev/null
  "${check[@]}" "score test, prevalence $prevalence" "$score_expect" score.B*.logistic.tsv.gz
  # The subsets, from B1's frequencies (the traits share their samples): exact.ids within pthresh1.ids.
  zcat score.B1.logistic.tsv.gz | awk -F'\t' 'NR > 1 { m = ($7 < 0.5) ? $7 : 1 - $7;
    if (m > 0.01 && ++c % 8 == 0) { print $3 > "pthresh1.ids"; if (c % 24 == 0 && ++e <= 300) print $3 > "exact.ids" }
    if (m >= 0.001 && m <= 0.01) { print $3 > "pthresh1.ids"; if (++r % 4 == 0 && r <= 1200) print $3 > "exact.ids" } }'
  local name mode subset report threshold
  for name in spa approx lrt wald; do
    for threshold in 0.05 1; do
      # Reports (and the log's corrected lambda_GC) only for the fast modes at the default threshold.
      subset=() report=(--no-report)
      [[ $threshold == 1 ]] && subset=(--extract pthresh1.ids) || report=()
      case $name in
        spa) mode=(--spa) ;;
        approx) mode=(--firth --approx) ;;
        lrt) mode=(--firth) subset=(--extract exact.ids) report=(--no-report) ;;
        wald) mode=(--firth --firth-wald) subset=(--extract exact.ids) report=(--no-report) ;;
      esac
      "$ridgeway" assoc "${inputs[@]}" "${mode[@]}" "${subset[@]}" "${report[@]}" --pThresh "$threshold" \
        --out "$name$threshold" >/dev/null
      local label="${mode[*]} --pThresh $threshold, prevalence $prevalence"
      local expect=calibrated
      [[ $name == wald ]] && expect=$wald_expect
      if [[ $name == spa || $name == approx ]]; then
        "${check[@]}" "$label" "$expect" "$name$threshold".B*.logistic.tsv.gz
        [[ $threshold == 1 ]] || corrected_lambda "$name$threshold.log"
      else
        "${check[@]}" "$label" "$expect" --reference "approx$threshold".B*.logistic.tsv.gz -- \
          "$name$threshold".B*.logistic.tsv.gz
      fi
    done
  done
}
