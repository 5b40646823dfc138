"""Checks a report written by ridgeway against an independent computation on the same result file:
  - lambda_GC (numpy/scipy: median chi-square of the p-values over its null median) within 1e-5 relative: ridgeway
    keeps -log10 p in single precision (6e-8 relative) and logs lambda_GC to six decimals;
  - the significant loci (p < 5e-8; a variant within 500 kb of the previous significant one joins its locus): the same
    leads, positions and counts;
  - the SVGs parse as XML, every image in the HTML decodes as a PNG of twice the size the page shows it at (the
    recorded scale), and in each Manhattan plot the 5e-8 line lies on the pixel row the recorded axis range puts it
    at (red pixels across that row, none 10 plot units away).
Usage: check_report.py OUT_PREFIX LOG RESULT_FILE TRAIT [RESULT_FILE TRAIT ...]"""
import base64
import gzip
import io
import json
import math
import re
import sys
from xml.etree import ElementTree

import numpy as np
from PIL import Image
from scipy import stats

prefix, log_path, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
log = open(log_path).read()
html = open(prefix + ".report.html").read()
assert "http://" not in html and "https://" not in html and "<script src" not in html, "the report must not load from the network"


def read_results(path):
    opener = gzip.open if path.endswith(".gz") else open
    rows = []
    with opener(path, "rt") as handle:
        header = handle.readline().lstrip("#").split()
        col = {name: i for i, name in enumerate(header)}
        for line in handle:
            f = line.split()
            if "TEST" in col and f[col["TEST"]] not in ("ADD", "SCORE", "FIRTH", "SPA"):
                continue
            if "LOG10P" in col:
                if f[col["LOG10P"]] == "NA":
                    continue
                mlog = float(f[col["LOG10P"]])
            else:
                if f[col["P"]] == "NA":
                    continue
                mlog = -math.log10(float(f[col["P"]]))
            chrom = f[col.get("CHROM", col.get("CHR"))]
            pos = int(f[col.get("POS", col.get("GENPOS"))])
            rows.append((chrom, pos, f[col["ID"]], mlog))
    return rows


for path, trait in zip(pairs[0::2], pairs[1::2]):
    rows = read_results(path)
    mlog = np.array([r[3] for r in rows])
    expected_lambda = np.median(stats.chi2.isf(10.0 ** -mlog, 1)) / stats.chi2.ppf(0.5, 1)
    found = re.search(rf"^{re.escape(trait)}: lambda_GC ([0-9.]+) over (\d+) variants", log, re.M)
    assert found, f"{trait}: no lambda_GC line in the log"
    assert int(found.group(2)) == len(rows), f"{trait}: {found.group(2)} variants reported, {len(rows)} in the file"
    assert abs(float(found.group(1)) / expected_lambda - 1) < 1e-5, f"{trait}: lambda {found.group(1)} vs {expected_lambda}"

    significant = sorted((int(c) if c.isdigit() else 1000, p, i, m) for c, p, i, m in rows if m >= -math.log10(5e-8))
    loci = []
    for chrom, pos, variant, m in significant:
        if loci and loci[-1]["chrom"] == chrom and pos - loci[-1]["end"] <= 500_000:
            loci[-1]["end"] = pos
            loci[-1]["n"] += 1
            if m > loci[-1]["m"]:
                loci[-1].update(lead=variant, m=m)
        else:
            loci.append({"chrom": chrom, "end": pos, "n": 1, "lead": variant, "m": m})
    mine = [line.split("\t") for line in open(f"{prefix}.{trait}.loci.tsv").read().splitlines()[1:]]
    assert sorted((l["lead"], l["n"]) for l in loci) == sorted((m[4], int(m[3])) for m in mine), \
        f"{trait}: loci differ: reference {[(l['lead'], l['n']) for l in loci]}, ridgeway {[(m[4], m[3]) for m in mine]}"
    for plot in ("manhattan", "qq"):  # the SVGs must be well-formed documents of the PNGs' size
        root = ElementTree.parse(f"{prefix}.{trait}.{plot}.svg").getroot()
        assert root.tag.endswith("svg") and root.get("width", "").startswith(("1600", "560")), f"{trait} {plot}.svg"
    print(f"{trait}: lambda_GC {float(found.group(1)):.6f} (reference {expected_lambda:.6f}); {len(mine)} loci match")

images = re.findall(r'<img alt="([^"]+)" width="(\d+)" height="(\d+)" src="data:image/png;base64,([^"]+)"', html)
assert len(images) == 2 * (len(pairs) // 2), f"expected two images per trait, found {len(images)}"
geometry = json.loads(re.search(r'<script type="application/json" id="ridgeway-plots">(.*?)</script>', html, re.S).group(1))
for (alt, width, height, data), g in zip(images, geometry):
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    scale = g["scale"]
    assert scale == 2 and (int(width), int(height)) == (g["width"], g["height"]), f"{alt}: shown at {width}x{height}"
    assert image.size == (scale * g["width"], scale * g["height"]), f"{alt}: PNG size {image.size}, shown {width}x{height}"
    if g["plot"] != "manhattan" or g["y_max"] < 7.3:
        continue
    pixels = np.asarray(image).astype(int)
    row = round(scale * (g["bottom"] - (-math.log10(5e-8)) / g["y_max"] * (g["bottom"] - g["top"])))
    def red(r):
        band = pixels[r, int(scale * g["left"]):int(scale * g["right"])]
        return int(np.sum((band[:, 0] > 180) & (band[:, 1] < 90) & (band[:, 2] < 90)))
    on_line = max(red(r) for r in (row - 1, row, row + 1))
    assert on_line > 0.4 * scale * (g["right"] - g["left"]), f"{alt}: the 5e-8 line is not on row {row} ({on_line} red pixels)"
    assert red(row - 10 * scale) == 0 and red(row + 10 * scale) == 0, f"{alt}: red pixels away from row {row}"
    print(f"{alt}: 5e-8 line on pixel row {row} as the axis range {g['y_max']:.2f} puts it ({on_line} red pixels)")
