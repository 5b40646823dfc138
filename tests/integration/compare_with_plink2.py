#!/usr/bin/python3
"""Compares a ridgeway result file with a `plink2 --glm hide-covar` .glm.linear file, variant by variant.

Tolerances: PLINK 2 prints 6 significant digits, so a rounding error of at most 5e-6 relative is expected; SE must
agree to a relative 1e-4, BETA to 1e-4 of the larger of |BETA| and SE (a beta near zero is known only to a fraction
of its standard error: with dosages PLINK 2's arithmetic differs from ridgeway's by up to 3e-5 SE), log10 P to an
absolute 1e-4, and N must equal OBS_CT exactly; A1FREQ must match A1_FREQ to 1e-5 relative (two roundings to 6
digits) when PLINK 2 printed it (cols=+a1freq). Every variant PLINK 2 leaves without a result (NA) must carry an
ERRCODE in ridgeway's file. An optional third argument replaces 1e-4 (PLINK 2 rounds BGEN dosages, multiples of
1/255 at 8 bits, to its own grid of 1/16384, moving each by up to 3e-5 where ridgeway keeps them exact).
Usage: compare_with_plink2.py RIDGEWAY.tsv.gz PLINK.glm.linear [TOLERANCE]
"""
import gzip
import math
import sys


def read_rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        for line in handle:
            yield dict(zip(header, line.rstrip("\n").split("\t")))


def log10_of_printed(text):
    """log10 of a printed p-value, exact even below the double range ("7.94328e-401")."""
    mantissa, _, exponent = text.lower().partition("e")
    return math.log10(float(mantissa)) + (int(exponent) if exponent else 0)


def relative_difference(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def main(ridgeway_path, plink_path, tolerance=1e-4):
    ours = {row["ID"]: row for row in read_rows(ridgeway_path)}
    compared = without_result = 0
    failures = []
    worst = {"BETA": 0.0, "SE": 0.0, "LOG10P": 0.0}
    for theirs in read_rows(plink_path):
        row = ours.get(theirs["ID"])
        if row is None:
            failures.append(f"{theirs['ID']}: in PLINK 2's output but not in ridgeway's")
            continue
        if theirs["P"] == "NA":
            without_result += 1
            if row["ERRCODE"] == ".":
                failures.append(f"{theirs['ID']}: PLINK 2 has no result ({theirs['ERRCODE']}) but ridgeway has no ERRCODE")
            continue
        if row["ERRCODE"] != ".":
            failures.append(f"{theirs['ID']}: ridgeway reports {row['ERRCODE']} where PLINK 2 has a result")
            continue
        compared += 1
        if row["A1"] != theirs["A1"]:
            failures.append(f"{theirs['ID']}: tested allele {row['A1']} vs PLINK 2's {theirs['A1']}")
            continue
        if int(row["N"]) != int(theirs["OBS_CT"]):
            failures.append(f"{theirs['ID']}: N {row['N']} != OBS_CT {theirs['OBS_CT']}")
        # A1_FREQ when PLINK 2 printed it (cols=+a1freq): both round to 6 significant digits.
        if "A1_FREQ" in theirs and relative_difference(float(row["A1FREQ"]), float(theirs["A1_FREQ"])) > 1e-5:
            failures.append(f"{theirs['ID']}: A1FREQ {row['A1FREQ']} vs A1_FREQ {theirs['A1_FREQ']}")
        beta, se = float(theirs["BETA"]), float(theirs["SE"])
        differences = {"BETA": abs(float(row["BETA"]) - beta) / max(abs(beta), se, 1e-300),
                       "SE": relative_difference(float(row["SE"]), se)}
        for column, d in differences.items():
            worst[column] = max(worst[column], d)
            if d > tolerance:
                failures.append(f"{theirs['ID']}: {column} {row[column]} vs {theirs[column]}")
        ours_log10p = log10_of_printed(row["P"])
        theirs_log10p = log10_of_printed(theirs["P"]) if float(theirs["P"]) > 0 else -math.inf
        d = abs(ours_log10p - theirs_log10p) if math.isfinite(theirs_log10p) else 0.0
        worst["LOG10P"] = max(worst["LOG10P"], d)
        if d > tolerance:
            failures.append(f"{theirs['ID']}: log10 P {ours_log10p} vs {theirs_log10p}")
    print(f"{compared} variants compared, {without_result} without a PLINK 2 result; worst BETA difference "
          f"{worst['BETA']:.2e} (of max(|BETA|, SE)), relative SE {worst['SE']:.2e}; worst |log10 P| difference {worst['LOG10P']:.2e}")
    return verdict(failures, compared)


def verdict(failures, compared):
    """Prints the first failures; the exit status of a comparison (1 when anything failed or nothing was compared)."""
    if compared == 0:
        failures.append("no variant compared")
    for failure in failures[:20]:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], *map(float, sys.argv[3:4])))
