"""regenie's file layouts, read by the rules of regenie's documentation (docs/options.md, "Predictions file format"
and the step-2 output), independently of ridgeway's readers.

  pred-list PRED_LIST SAMPLES FITTED
      The step-1 prediction list and every .loco file it names must follow the documented format: one line per
      phenotype, "NAME FILE", names unique; in each file, line 1 is 'FID_IID' followed by N sample identifiers
      (unique; every sample listed in SAMPLES, "FID IID" per line, must be there with predictions), then 23 lines,
      the chromosome number 1..23 in order followed by N predictions (numbers, or NA). FITTED is the
      comma-separated chromosomes step 1 had variants on: the rows of every other chromosome must equal the
      whole-genome prediction W, which is checked by its defining identity: the fitted chromosomes' own parts
      W - LOCO_c add up to W.
  prs-list PRS_LIST PRED_LIST FITTED
      The whole-genome predictions of step 1's --print-prs, for every trait of PRED_LIST: PRS_LIST lists the same
      traits, and each file follows regenie's .prs layout (line 1 as in the trait's .loco file, then one line: 0
      followed by N predictions) and holds the whole-genome prediction W the .loco file implies: W - LOCO_c, each
      fitted chromosome's own part, add up to W over the FITTED chromosomes, and every other chromosome's row is W.
  results FILE.regenie...
      Step-2 results: every row with a result must have CHISQ and LOG10P of the same statistic, -log10 of the 1-df
      chi-square upper tail of CHISQ equal to LOG10P to the printed digits.
  compare EXPECTED.regenie GOT.regenie [COLUMNS]
      The two result files must hold the same variants (GOT may add rows without a result), with results in the
      same rows, and the columns (default BETA,SE,CHISQ,LOG10P,A1FREQ,N) equal to the printed digits (six
      significant ones: at most one unit apart in the last, which rounding of values equal to about 1e-12 can
      give). Prints the agreement per column.
"""
import gzip
import math
import sys

import numpy as np
from scipy import stats

REGENIE_ROWS = 23  # chromosomes 1-22, then the sex chromosomes collapsed into 23


def fail(message):
    sys.exit("FAIL: " + message)


def read_pred_list(path):
    entries = {}
    for number, line in enumerate(open(path), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 2:
            fail(f"{path}, line {number}: expected 'PHENOTYPE FILE', found {len(fields)} fields")
        if fields[0] in entries:
            fail(f"{path}, line {number}: phenotype {fields[0]} listed twice")
        entries[fields[0]] = fields[1]
    if not entries:
        fail(f"{path}: no phenotypes listed")
    return entries


def significant_digits(token):
    mantissa = token.lstrip("-+").split("e")[0].split("E")[0].replace(".", "").lstrip("0")
    return len(mantissa)


def text_lines(path):
    """The lines of a plain or gzipped (--gz) file."""
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as lines:
        return [line.split() for line in lines]


def read_loco(path, digits=None):
    """(sample identifiers, 23 x N predictions with NaN for NA); `digits`, a list, receives the most significant
    digits any prediction is printed with."""
    lines = text_lines(path)
    if not lines or not lines[0] or lines[0][0] != "FID_IID":
        fail(f"{path}, line 1: must start with FID_IID")
    ids = lines[0][1:]
    if len(set(ids)) != len(ids):
        fail(f"{path}, line 1: repeated sample identifiers")
    rows = [row for row in lines[1:] if row]
    if len(rows) != REGENIE_ROWS:
        fail(f"{path}: {len(rows)} prediction lines after the header, the format has {REGENIE_ROWS}")
    values = np.empty((REGENIE_ROWS, len(ids)))
    for chromosome, row in enumerate(rows, start=1):
        where = f"{path}, line {chromosome + 1}"
        if len(row) != len(ids) + 1:
            fail(f"{where}: {len(row)} values, expected {len(ids) + 1} (the chromosome, then one per sample)")
        if row[0] != str(chromosome):
            fail(f"{where}: starts with '{row[0]}' instead of chromosome number {chromosome}")
        try:
            values[chromosome - 1] = [math.nan if x == "NA" else float(x) for x in row[1:]]
        except ValueError as error:
            fail(f"{where}: {error}")
        if digits is not None:
            digits.append(max(significant_digits(x) for x in row[1:]))
    return ids, values


def check_pred_list(pred_list, sample_list, fitted_text):
    fitted = sorted({int(c) for c in fitted_text.split(",")})
    samples = [f"{fields[0]}_{fields[1]}" for fields in (line.split() for line in open(sample_list))]
    for trait, path in read_pred_list(pred_list).items():
        digits = []
        ids, values = read_loco(path, digits)
        observed = ~np.isnan(values[0])
        absent = set(samples) - {sample for sample, seen in zip(ids, observed) if seen}
        if absent:
            fail(f"{path}: {len(absent)} samples of {sample_list} have no prediction (e.g. {sorted(absent)[0]})")
        values = values[:, observed]
        others = [c for c in range(1, REGENIE_ROWS + 1) if c not in fitted]
        if not others:
            print(f"{trait}: {path} follows regenie's layout ({len(ids)} samples, 23 chromosomes, all fitted)")
            continue
        whole = values[others[0] - 1]
        for c in others[1:]:
            if not np.array_equal(values[c - 1], whole):
                fail(f"{path}: chromosomes {others[0]} and {c} had no step-1 variants but differ")
        parts = sum(whole - values[c - 1] for c in fitted)
        # Each printed value is off by up to half a unit of its last digit (ridgeway prints 10 significant digits,
        # regenie 6).
        scale = np.max(np.abs(values))
        error = np.max(np.abs(parts - whole))
        if not error <= (2 * len(fitted) + 1) * scale * 10.0 ** (1 - max(digits)):
            fail(f"{path}: the unfitted chromosomes' rows are not the whole-genome prediction (the fitted "
                 f"chromosomes' parts add up to it within {error:.3g}, predictions up to {scale:.3g})")
        print(f"{trait}: {path} follows regenie's layout ({len(ids)} samples, 23 chromosomes); the rows of the "
              f"{len(others)} chromosomes without step-1 variants are the whole-genome prediction (the fitted "
              f"chromosomes' parts add up to it within {error:.2g})")


def read_prs(path, ids, digits):
    """The N whole-genome predictions of a .prs file whose header must list `ids`."""
    lines = [row for row in text_lines(path) if row]
    if not lines or lines[0][0] != "FID_IID":
        fail(f"{path}, line 1: must start with FID_IID")
    if lines[0][1:] != ids:
        fail(f"{path}, line 1: the sample identifiers differ from the .loco file's")
    if len(lines) != 2:
        fail(f"{path}: {len(lines) - 1} prediction lines after the header, the format has 1 (the whole genome)")
    row = lines[1]
    if row[0] != "0" or len(row) != len(ids) + 1:
        fail(f"{path}, line 2: expected 0 then {len(ids)} predictions, found '{row[0]}' then {len(row) - 1} values")
    digits.append(max(significant_digits(x) for x in row[1:]))
    return np.array([math.nan if x == "NA" else float(x) for x in row[1:]])


def check_prs_list(prs_list, pred_list, fitted_text):
    fitted = sorted({int(c) for c in fitted_text.split(",")})
    loco_files, prs_files = read_pred_list(pred_list), read_pred_list(prs_list)
    if set(loco_files) != set(prs_files):
        fail(f"{prs_list} lists {sorted(prs_files)}, {pred_list} lists {sorted(loco_files)}")
    for trait, path in prs_files.items():
        digits = []
        ids, loco = read_loco(loco_files[trait], digits)
        whole = read_prs(path, ids, digits)
        observed = ~np.isnan(loco[0]) & ~np.isnan(whole)
        loco, whole = loco[:, observed], whole[observed]
        own = [whole - loco[c - 1] for c in fitted]
        # Printed values are off by up to half a unit of their last digit each.
        scale = max(np.max(np.abs(loco)), np.max(np.abs(whole)))
        tolerance = (2 * len(fitted) + 1) * scale * 10.0 ** (1 - max(digits))
        error = np.max(np.abs(sum(own) - whole))
        if not error <= tolerance:
            fail(f"{path}: the fitted chromosomes' parts W - LOCO_c add up to {error:.3g} away from its whole-genome "
                 f"prediction W (predictions up to {scale:.3g})")
        others = [c for c in range(1, REGENIE_ROWS + 1) if c not in fitted]
        worst_other = max((np.max(np.abs(loco[c - 1] - whole)) for c in others), default=0.0)
        if not worst_other <= tolerance:
            fail(f"{path}: a chromosome without step-1 variants has a LOCO row {worst_other:.3g} away from W")
        smallest_part = min(np.max(np.abs(part)) for part in own)
        print(f"{trait}: {path} is the whole-genome prediction of {loco_files[trait]} ({len(ids)} samples): the parts "
              f"of chromosomes {fitted_text} (each up to at least {smallest_part:.3g}) add up to it within {error:.2g}, "
              f"and the {len(others)} other rows equal it within {worst_other:.2g}")


def read_results(path):
    lines = [line.split() for line in open(path)]
    header = lines[0]
    rows = [dict(zip(header, row)) for row in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            fail(f"{path}, line {number}: {len(row)} fields, header has {len(header)}")
    return rows


def last_digit_units(a, b):
    """|a - b| in units of the sixth significant digit of the larger."""
    size = max(abs(a), abs(b))
    if size == 0:
        return 0.0
    return abs(a - b) / 10 ** (math.floor(math.log10(size)) - 5)


def check_results(paths):
    for path in paths:
        worst, worst_row, tested = 0.0, None, 0
        for row in read_results(path):
            if row["CHISQ"] == "NA":
                continue
            tested += 1
            chisq, log10p = float(row["CHISQ"]), float(row["LOG10P"])
            # Compared where each is resolved best: -log10 p for small p, the chi-square near p = 1, where
            # LOG10P's six digits fix CHISQ to about 1e-5 relative.
            from_chisq = -stats.chi2.logsf(chisq, 1) / math.log(10)
            from_log10p = stats.chi2.isf(10 ** -log10p, 1) if log10p < 1 else chisq
            units = min(last_digit_units(from_chisq, log10p), last_digit_units(from_log10p, chisq))
            if units > worst:
                worst, worst_row = units, row
        if worst > 2:
            fail(f"{path}: CHISQ and LOG10P disagree: {worst_row['ID']} has CHISQ {worst_row['CHISQ']} "
                 f"(-log10 p {-stats.chi2.logsf(float(worst_row['CHISQ']), 1) / math.log(10):.6g}) and LOG10P "
                 f"{worst_row['LOG10P']}")
        print(f"{path}: CHISQ and LOG10P agree on all {tested} results (worst {worst:.2f} units of the last digit)")


def compare(expected_path, got_path, columns):
    key = ("CHROM", "GENPOS", "ID", "ALLELE0", "ALLELE1")
    expected = {tuple(row[k] for k in key): row for row in read_results(expected_path)}
    got = {tuple(row[k] for k in key): row for row in read_results(got_path)}
    absent = sorted(set(expected) - set(got))
    if absent:
        fail(f"{got_path} lacks {len(absent)} variants of {expected_path}, e.g. {absent[0]}")
    # regenie leaves out the variants it cannot test (such as one heterozygous in every sample); ridgeway writes
    # them with an ERRCODE.
    extra = [k for k in got if k not in expected]
    extra_results = [k for k in extra if got[k]["BETA"] != "NA"]
    if extra_results:
        fail(f"{got_path} has results for {len(extra_results)} variants {expected_path} lacks, e.g. {extra_results[0]}")
    both = [k for k in expected if expected[k]["BETA"] != "NA" and got[k]["BETA"] != "NA"]
    missing = [k for k in expected if (expected[k]["BETA"] == "NA") != (got[k]["BETA"] == "NA")]
    if missing:
        fail(f"{len(missing)} variants have a result in one file only, e.g. {missing[0]}")
    print(f"{got_path} against {expected_path}: {len(both)} variants with results in both "
          f"({len(expected) - len(both)} without in both; {len(extra)} without a result and absent from "
          f"{expected_path})")
    for column in columns:
        a = np.array([float(expected[k][column]) for k in both])
        b = np.array([float(got[k][column]) for k in both])
        identical = sum(expected[k][column] == got[k][column] for k in both)
        units = max((last_digit_units(x, y) for x, y in zip(a, b)), default=0.0)
        print(f"  {column}: {identical} of {len(both)} printed identically; max |difference| "
              f"{np.max(np.abs(a - b)):.3g}, max relative {np.max(np.abs(a - b) / np.maximum(np.abs(a), 1e-300)):.3g}; "
              f"at most {units:.2f} units of the sixth significant digit")
        if units > 1.0001:
            worst = max(both, key=lambda k: last_digit_units(float(expected[k][column]), float(got[k][column])))
            fail(f"{column} of {worst[2]}: {expected[worst][column]} in {expected_path}, {got[worst][column]} in "
                 f"{got_path}")


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "pred-list":
        check_pred_list(*arguments)
    elif command == "prs-list":
        check_prs_list(*arguments)
    elif command == "results":
        check_results(arguments)
    elif command == "compare":
        compare(arguments[0], arguments[1], (arguments[2] if len(arguments) > 2 else "BETA,SE,CHISQ,LOG10P,A1FREQ,N").split(","))
    else:
        fail(f"unknown command {command}")
