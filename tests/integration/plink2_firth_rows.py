"""What the comparisons of ridgeway's exact Firth results with plink2 --glm firth share: reading both files and, per
variant with a result in both, the differences in log odds ratio, relative SE and log10 p (after checking that the
same variants have results and the same N)."""
import gzip
import math


def table(lines):
    header, rows = None, {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if fields[0].startswith("#"):
            header = {name.lstrip("#"): i for i, name in enumerate(fields)}
            continue
        rows[fields[header["ID"]]] = {name: fields[i] for name, i in header.items()}
    return rows


def read_pair(ridgeway_path, plink_path):
    ours, theirs = table(gzip.open(ridgeway_path, "rt")), table(open(plink_path))
    assert ours.keys() == theirs.keys(), "different variants"
    return ours, theirs


def differences(ours, theirs):
    """(|log OR difference|, relative SE difference, |log10 P difference|, variant) per variant with results."""
    out = []
    for variant, p in theirs.items():
        r = ours[variant]
        if p["OR"] == "NA":
            assert r["BETA"] == "NA", f"{variant}: plink2 has no result ({p['ERRCODE']}) but ridgeway has"
            continue
        assert r["BETA"] != "NA", f"{variant}: ridgeway has no result ({r['ERRCODE']}) but plink2 has"
        assert int(r["N"]) == int(p["OBS_CT"]), f"{variant}: N {r['N']} vs OBS_CT {p['OBS_CT']}"
        out.append((abs(math.log(float(p["OR"])) - float(r["BETA"])), abs(float(r["SE"]) / float(p["LOG(OR)_SE"]) - 1),
                    abs(math.log10(float(r["P"])) - math.log10(float(p["P"]))), variant))
    return out
