#!/usr/bin/python3
"""Reference rank-based inverse normal transforms for rank_normal_scipy.sh, with scipy: ranks by
scipy.stats.rankdata (ties at their mean rank) and z = norm.ppf((rank - 3/8) / (n + 1/4)), Blom's offset, regenie's.
The cohort is EUR_subset's: samples of the .fam with QCOV1, QCOV2 and CAT_COV (covars.numeric: CAT_COV as 0/1).
Subcommands:
  values OUT                      values with ties and missing ones, one per line, for ridgeway's rank_normal driver
  check-values VALUES TRANSFORMED the driver's output against scipy (absolute 1e-12)
  traits OUT                      FID IID PHENO TIED: PHENO, and PHENO rounded to 0.1 (ties) with more missing values
  rint TRAITS OUT                 each trait transformed over its cohort samples (--apply-rint's)
  rerint TRAITS OUT [LOCO_PREFIX CHROMOSOME]
                                  each trait's residual on the covariates transformed (--apply-rerint's); with
                                  LOCO_PREFIX_<k>.loco, regenie's null residual instead: that residual over its
                                  standard deviation sqrt(e'e / (N - K)) minus the LOCO prediction of CHROMOSOME.
                                  Prints per trait sqrt(z'z / residual sum of squares of z on the covariates), the SE
                                  ratio of --apply-rerint to --apply-rerint-cov under --test-stat normal
  compare A.tsv.gz B.tsv.gz [SE_RATIO]
                                  two result files, variant by variant: same N and ERRCODE, BETA, SE and P within
                                  1e-5 relative (one unit of the 6th printed digit, for values computed from
                                  transforms that agree to 1e-13); with SE_RATIO, BETA, SE of A over SE of B and
                                  Z_STAT of B over Z_STAT of A equal to it likewise
"""
import gzip
import sys

import numpy as np
from scipy import stats


def rint(values):
    out = np.full(len(values), np.nan)
    present = ~np.isnan(values)
    ranks = stats.rankdata(values[present], method="average")
    out[present] = stats.norm.ppf((ranks - 0.375) / (present.sum() + 0.25))
    return out


def number(token):
    return np.nan if token in ("NA", "-9", "nan", ".") else float(token)


def cohort():
    """(sample IDs in .fam order, covariate design [1, QCOV1, QCOV2, CAT_COV]) of the samples with all covariates."""
    covariates = {f[1]: [number(v) for v in f[3:6]] for f in (line.split() for line in open("covars.numeric"))
                  if f[1] != "IID"}
    ids, design = [], []
    for fields in (line.split() for line in open("EUR_subset.fam")):
        row = covariates.get(fields[1])
        if row is not None and not any(np.isnan(row)):
            ids.append((fields[0], fields[1]))
            design.append([1.0] + row)
    return ids, np.array(design)


def read_traits(path):
    lines = [line.split() for line in open(path)]
    names = lines[0][2:]
    table = {fields[1]: [number(v) for v in fields[2:]] for fields in lines[1:]}
    return names, table


def write_traits(path, names, ids, columns):
    with open(path, "w") as out:
        out.write("FID IID " + " ".join(names) + "\n")
        for k, (fid, iid) in enumerate(ids):
            out.write(f"{fid} {iid} " + " ".join("NA" if np.isnan(c[k]) else repr(float(c[k])) for c in columns) + "\n")


def residual(design, y):
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    return y - design @ beta


def loco(prefix, trait_index, chromosome, ids):
    with open(f"{prefix}_{trait_index + 1}.loco") as handle:
        header = handle.readline().split()[1:]
        for line in handle:
            fields = line.split()
            if fields[0] == chromosome:
                by_id = dict(zip(header, map(float, fields[1:])))
                return np.array([by_id.get(f"{fid}_{iid}", np.nan) for fid, iid in ids])
    raise SystemExit(f"no chromosome {chromosome} in {prefix}_{trait_index + 1}.loco")


def main(command, *args):
    if command == "values":
        rng = np.random.default_rng(7)
        values = np.round(rng.normal(size=400), 1)  # many ties
        values[rng.choice(400, 40, replace=False)] = np.nan
        values[:5] = [3.0, 3.0, -7.5, 1e6, 3.0]  # a three-way tie, and values far from the rest
        with open(args[0], "w") as out:
            out.writelines("NA\n" if np.isnan(v) else f"{v!r}\n" for v in values)
    elif command == "check-values":
        values = np.array([number(line.strip()) for line in open(args[0])])
        mine = np.array([number(line.strip()) for line in open(args[1])])
        expected = rint(values)
        assert np.array_equal(np.isnan(mine), np.isnan(expected)), "missing values moved"
        worst = np.nanmax(np.abs(mine - expected))
        # Both sides are double precision: the ranks are exact and the quantile functions agree to a few 1e-16.
        assert worst <= 1e-12, f"largest difference from scipy {worst}"
        _, counts = np.unique(values[~np.isnan(values)], return_counts=True)
        print(f"{(~np.isnan(values)).sum()} values ({counts[counts > 1].sum()} sharing their value with others), "
              f"{np.isnan(values).sum()} missing: largest difference from scipy {worst:.1e}")
    elif command == "traits":
        lines = [line.split() for line in open("EUR_subset.pheno2.covars")][1:]
        rng = np.random.default_rng(11)
        with open(args[0], "w") as out:
            out.write("FID IID PHENO TIED\n")
            for fields in lines:
                value = number(fields[2])
                tied = np.nan if np.isnan(value) or rng.random() < 0.1 else np.round(value, 1)
                out.write(f"{fields[0]} {fields[1]} {fields[2]} {'NA' if np.isnan(tied) else tied}\n")
    elif command in ("rint", "rerint"):
        names, table = read_traits(args[0])
        ids, design = cohort()
        columns = []
        for t in range(len(names)):
            y = np.array([table.get(iid, [np.nan] * len(names))[t] for _, iid in ids])
            if command == "rint":
                columns.append(rint(y))
                continue
            present = ~np.isnan(y)
            x = design[present]
            e = residual(x, y[present])
            if len(args) > 2:  # regenie's null residual: the scaled residual minus the LOCO prediction
                scale = np.sqrt(e @ e / (present.sum() - np.linalg.matrix_rank(x)))
                e = e / scale - loco(args[2], t, args[3], ids)[present]
            z = np.full(len(y), np.nan)
            z[present] = rint(e)
            columns.append(z)
            r = residual(x, z[present])
            print(f"{names[t]} {np.sqrt(z[present] @ z[present] / (r @ r))!r}")
        write_traits(args[1], names, ids, columns)
    elif command == "compare":
        ratio = float(args[2]) if len(args) > 2 else 1.0
        a, b = (rows(path) for path in args[:2])
        assert a.keys() == b.keys(), "different variants"
        worst = 0.0
        # With a ratio the statistic changes by its inverse, and P with it.
        columns = (("BETA", 1.0), ("SE", 1.0), ("P", 1.0)) if ratio == 1.0 else \
            (("BETA", 1.0), ("SE", ratio), ("Z_STAT", 1 / ratio))
        for variant, x in a.items():
            y = b[variant]
            assert x["N"] == y["N"] and x["ERRCODE"] == y["ERRCODE"], f"{variant}: {x} vs {y}"
            if x["ERRCODE"] != ".":
                continue
            for column, factor in columns:
                u, v = float(x[column]), float(y[column]) * factor
                d = abs(u - v) / max(abs(u), abs(v), 1e-300)
                worst = max(worst, d)
                assert d <= 1e-5, f"{variant}: {column} {x[column]} vs {y[column]} (x {factor})"
        print(f"{len(a)} variants: {', '.join(c for c, _ in columns)} agree within {worst:.1e} relative")
    else:
        raise SystemExit(__doc__)


def rows(path):
    with gzip.open(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        return {r["ID"]: r for r in (dict(zip(header, line.rstrip("\n").split("\t"))) for line in handle)}


if __name__ == "__main__":
    main(*sys.argv[1:])
