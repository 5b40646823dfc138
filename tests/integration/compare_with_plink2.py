#!/usr/bin/python3
"""Compares a ridgeway result file with a `plink2 --glm hide-covar` .glm.linear file, variant by variant.

Tolerances: PLINK 2 prints 6 significant digits, so a rounding error of at most 5e-6 relative is expected; BETA and SE
must agree to a relative 1e-4 and log10 P to an absolute 1e-4, and N must equal OBS_CT exactly. Every variant PLINK 2
leaves without a result (NA) must carry an ERRCODE in ridgeway's file.
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


def main(ridgeway_path, plink_path):
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
        for column in ("BETA", "SE"):
            d = relative_difference(float(row[column]), float(theirs[column]))
            worst[column] = max(worst[column], d)
            if d > 1e-4:
                failures.append(f"{theirs['ID']}: {column} {row[column]} vs {theirs[column]}")
        ours_log10p = log10_of_printed(row["P"])
        theirs_log10p = log10_of_printed(theirs["P"]) if float(theirs["P"]) > 0 else -math.inf
        d = abs(ours_log10p - theirs_log10p) if math.isfinite(theirs_log10p) else 0.0
        worst["LOG10P"] = max(worst["LOG10P"], d)
        if d > 1e-4:
            failures.append(f"{theirs['ID']}: log10 P {ours_log10p} vs {theirs_log10p}")
    print(f"{compared} variants compared, {without_result} without a PLINK 2 result; worst relative BETA "
          f"{worst['BETA']:.2e}, SE {worst['SE']:.2e}; worst |log10 P| difference {worst['LOG10P']:.2e}")
    if compared == 0:
        failures.append("no variant compared")
    for failure in failures[:20]:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
