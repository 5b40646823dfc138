#!/usr/bin/env bash
# Case/control fits under stress: N = 10,000 with a trait of 20 cases (RARE20), one of 10% cases (TEN) and one the
# 0/1 covariate separates completely (SEP); variants with MAF 0.0005-0.5, missing calls, complete separation (carried
# by cases only, by all 20 cases, by controls only), monomorphic, single carriers, a copy of a covariate, 99% missing.
# For the score test, --spa, --firth, --firth --approx and --firth --firth-wald (every variant corrected with
# --pThresh 1), ridgeway must exit 0 and write one row per variant, each with a finite P in (0, 1] (LOG10P matching)
# or a named ERRCODE with NA statistics, never nan/inf. SEP's rows must be NULL_FIT_FAILED and no other trait's;
# monomorphic variants CONST_ALLELE. Firth's estimate is finite even under separation: the separated variants must get
# FIRTH rows with finite BETA of the right sign, and the variant carried by all 20 cases P < 1e-3 (likelihood ratio).
set -euo pipefail
ridgeway=$(realpath "$1") scratch=$2  # absolute: the script runs in the scratch folder
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
/usr/bin/python3 "$here/make_stress_data.py" stress

inputs=(--bt --bfile stress --pheno stress.pheno --covar stress.covar --threads 2)
for mode in score spa firth approx wald; do
  case $mode in
    score) options=() ;;
    spa) options=(--spa --pThresh 1) ;;
    firth) options=(--firth --pThresh 1) ;;
    approx) options=(--firth --approx --pThresh 1) ;;
    wald) options=(--firth --firth-wald --pThresh 1) ;;
  esac
  status=0
  "$ridgeway" assoc "${inputs[@]}" "${options[@]}" --out "$mode" >"$mode.stdout" 2>"$mode.stderr" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "FAIL: ridgeway assoc ${inputs[*]} ${options[*]+${options[*]} }--out $mode exited with status $status; stderr:"
    cat "$mode.stderr"
    exit 1
  fi
done

/usr/bin/python3 - stress.bim score spa firth approx wald <<'EOF'
import gzip
import math
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

bim, modes = sys.argv[1], sys.argv[2:]
ids = [line.split()[1] for line in open(bim)]
traits = ["RARE20", "TEN", "SEP"]
columns = ("#CHROM POS ID REF ALT A1 A1FREQ A1FREQ_CASES A1FREQ_CONTROLS N N_CASES N_CONTROLS TEST BETA SE Z_STAT "
           "P LOG10P ERRCODE").split()
codes = {"CONST_ALLELE", "VIF_TOO_HIGH", "TOO_FEW_SAMPLES", "PERFECT_FIT", "COVAR_SINGULAR", "NULL_FIT_FAILED",
         "FIRTH_FAILED", "SPA_FAILED"}
corrected_test = {"score": "SCORE", "spa": "SPA", "firth": "FIRTH", "approx": "FIRTH", "wald": "FIRTH"}
monomorphic = {"mono_a2", "mono_a1", "all_het", "mono_with_missing"}
# (trait, variant, sign of BETA or 0 for either) that Firth must estimate finitely: complete separation either way.
# controls_only50 has no sign: with 20 cases, no case carrier is what the null predicts (0.1), and Firth's estimate
# (in a 2x2 table Haldane's +0.5 per cell) is positive.
separated = [("RARE20", "sep_cases5", 1), ("RARE20", "sep_cases5_hom", 1), ("RARE20", "sep_cases5_missing", 1),
             ("RARE20", "all20_cases", 1), ("RARE20", "all20_cases_flipped", -1), ("RARE20", "controls_only50", 0),
             ("TEN", "ten_sep8", 1)]
failures = {}  # (mode, trait, message) -> variants


def fail(mode, trait, variant, message):
    failures.setdefault((mode, trait, message), []).append(variant)


def finite(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def read(mode, trait):
    path = f"{mode}.{trait}.logistic.tsv.gz"
    with gzip.open(path, "rt") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in handle]
    if header != columns:
        fail(mode, trait, "-", f"{path}: header {header}")
        return {}
    if [row[2] if len(row) > 2 else "?" for row in rows] != ids:
        fail(mode, trait, "-", f"{path}: {len(rows)} rows, expected one per variant ({len(ids)}) in .bim order")
    return {row[2]: dict(zip(columns, row)) for row in rows if len(row) == len(columns)}


for mode in modes:
    summary = []
    for trait in traits:
        rows = read(mode, trait)
        if trait == "RARE20":
            key = rows.get("all20_cases", {})
        outcomes = Counter()
        for variant, row in rows.items():
            error = row["ERRCODE"]
            outcomes[row["TEST"] if error == "." else error] += 1
            for name in ("A1FREQ", "A1FREQ_CASES", "A1FREQ_CONTROLS", "N", "N_CASES", "N_CONTROLS"):
                if not finite(row[name]):
                    fail(mode, trait, variant, f"{name} is {row[name]!r}")
            if error == ".":
                for name in ("BETA", "SE", "Z_STAT", "LOG10P"):
                    if not finite(row[name]):
                        fail(mode, trait, variant, f"ERRCODE '.' but {name} is {row[name]!r}")
                try:
                    p = Decimal(row["P"])  # exact below 1e-308, where float() would give 0
                    p_ok = p.is_finite() and 0 < p <= 1
                except InvalidOperation:
                    p_ok = False
                if not p_ok:
                    fail(mode, trait, variant, f"ERRCODE '.' but P is {row['P']!r}, not in (0, 1]")
                elif finite(row["LOG10P"]):
                    log10p = float(row["LOG10P"])
                    if abs(log10p + float(p.log10())) > 1e-5 * max(1.0, log10p):
                        fail(mode, trait, variant, f"LOG10P {row['LOG10P']} is not -log10 of P {row['P']}")
                # --pThresh 1 corrects every variant whose score p is below 1.
                if row["TEST"] != corrected_test[mode] and not (row["TEST"] == "SCORE" and p_ok and p == 1):
                    fail(mode, trait, variant, f"TEST {row['TEST']}, expected {corrected_test[mode]}")
            else:
                if error not in codes:
                    fail(mode, trait, variant, f"unknown ERRCODE {error!r}")
                stats = [row[name] for name in ("BETA", "SE", "Z_STAT", "P", "LOG10P")]
                if stats != ["NA"] * 5:
                    fail(mode, trait, variant, f"ERRCODE {error} but statistics {stats}, expected NA")
            if trait == "SEP" and error != "NULL_FIT_FAILED":
                fail(mode, trait, variant, f"ERRCODE {error!r}: the covariate C2 separates SEP, expected NULL_FIT_FAILED")
            if trait != "SEP" and error == "NULL_FIT_FAILED":
                fail(mode, trait, variant, "NULL_FIT_FAILED, but the null model of this trait has a finite maximum")
            if trait != "SEP" and variant in monomorphic and error not in ("CONST_ALLELE", "NULL_FIT_FAILED"):
                fail(mode, trait, variant, f"ERRCODE {error!r}, expected CONST_ALLELE (monomorphic)")
            if trait == "RARE20" and variant in ("cases_all_missing", "copy_of_c2") and error == ".":
                fail(mode, trait, variant, "a result, but the variant has no called case / is collinear with C2")
        summary.append(f"{trait} " + " ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
        if mode in ("firth", "approx", "wald"):
            for separated_trait, variant, sign in separated:
                if separated_trait != trait or variant not in rows:
                    continue
                row = rows[variant]
                if row["TEST"] != "FIRTH" or row["ERRCODE"] != "." or not finite(row["BETA"]) \
                        or (sign != 0 and float(row["BETA"]) * sign <= 0):
                    wanted = {1: "positive", -1: "negative", 0: "any"}[sign]
                    fail(mode, trait, variant, f"complete separation: expected a FIRTH row with finite BETA "
                         f"(sign {wanted}), got TEST {row['TEST']} BETA {row['BETA']} "
                         f"P {row['P']} ERRCODE {row['ERRCODE']}")
            if trait == "RARE20" and mode in ("firth", "approx"):
                for variant in ("all20_cases", "all20_cases_flipped"):
                    row = rows.get(variant)
                    if row is not None and not (row["ERRCODE"] == "." and Decimal(row["P"]) < Decimal("1e-3")):
                        fail(mode, trait, variant, f"carried differently by all 20 cases: expected P < 1e-3, got "
                             f"P {row['P']} ERRCODE {row['ERRCODE']}")
    print(f"{mode}: " + "; ".join(summary) + f"; RARE20 all20_cases {key.get('TEST')} BETA {key.get('BETA')} "
          f"P {key.get('P')} {key.get('ERRCODE')}")

for (mode, trait, message), variants in failures.items():
    more = f" and {len(variants) - 6} more" if len(variants) > 6 else ""
    print(f"FAIL: {mode}, {trait}, {', '.join(variants[:6])}{more}: {message}")
if failures:
    sys.exit(f"{sum(len(v) for v in failures.values())} failed checks")
EOF
