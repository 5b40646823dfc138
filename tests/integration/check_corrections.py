"""Checks the report's lambda_GC of the variants a case/control correction was applied to, against numpy/scipy on the
same result file: the median 1-df chi-square of the corrected variants' p over qchisq(1 - t/2, 1), the median
expected for null p-values selected below the threshold t (uniform on (0, t), median t/2).
  - the log's line for the trait gives that value within 1e-5 relative, the number of corrected rows (TEST or test
    FIRTH/SPA, or EXTRA FIRTH/SPA in the regenie layout) and the threshold;
  - EXPECT says what the value must be: inflated (above 1.3), calibrated (0.9 to 1.1) or any;
  - the HTML's summary table shows the count, and in the QQ plot's PNG the dashed orange line lies on the pixel row
    of -log10 t, corrected (orange) points lie above it and none well below it (0.3 in -log10 p at these axes), and no uncorrected (dark blue) point
    lies above it (the fabricated files select exactly the variants below t).
Usage: check_corrections.py OUT_PREFIX LOG THRESHOLD PIXELS RESULT_FILE TRAIT EXPECT [RESULT_FILE TRAIT EXPECT ...]
(PIXELS: yes to check the QQ plot's pixels, no for real runs, whose corrected and uncorrected p-values overlap.)"""
import base64
import gzip
import io
import json
import math
import re
import sys

import numpy as np
from PIL import Image
from scipy import stats

prefix, log_path, threshold, pixels_too, triples = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4] == "yes", sys.argv[5:]
log = open(log_path).read()
html = open(prefix + ".report.html").read()
geometry = json.loads(re.search(r'<script type="application/json" id="ridgeway-plots">(.*?)</script>', html, re.S).group(1))
images = dict((alt, data) for alt, data in re.findall(r'<img alt="([^"]+)"[^>]* src="data:image/png;base64,([^"]+)"', html))


def read(path):
    """-log10 p and whether corrected, for the rows with a p-value."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as handle:
        header = handle.readline().lstrip("#").split()
        col = {name: i for i, name in enumerate(header)}
        marker = col.get("TEST", col.get("test"))
        if "EXTRA" in col:
            marker = col["EXTRA"]
        mlog, corrected = [], []
        for line in handle:
            f = line.split()
            if "LOG10P" in col:
                if f[col["LOG10P"]] == "NA":
                    continue
                mlog.append(float(f[col["LOG10P"]]))
            else:
                p = f[col.get("P", col.get("p_value"))]
                if p in ("NA", "#NA"):
                    continue
                mlog.append(-math.log10(float(p)))
            corrected.append(marker is not None and f[marker] in ("FIRTH", "SPA"))
    return np.array(mlog), np.array(corrected)


def qq_pixels(trait):
    g = next(g for g in geometry if g["trait"] == trait and g["plot"] == "qq")
    s = g["scale"]
    pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(images[f"QQ plot of {trait}"]))).convert("RGB")).astype(int)
    row = round(s * (g["bottom"] - (-math.log10(threshold)) / g["y_max"] * (g["bottom"] - g["top"])))
    x0, x1 = int(s * g["left"]) + 4, int(s * (g["right"] - 260))  # right of the axis, left of the legend and label
    area = pixels[:, x0:x1]
    orange = np.all(np.abs(area - np.array([237, 125, 13])) < np.array([30, 35, 40]), axis=2)
    blue = np.all(np.abs(area - np.array([28, 79, 138])) < 30, axis=2)
    top, bottom = int(s * g["top"]), int(s * g["bottom"]) - 2
    on_line = max(int(orange[r].sum()) for r in (row - 1, row, row + 1))
    above = int(orange[top:row - 3 * s].sum())
    below = int(orange[row + 25 * s:bottom].sum())  # calibrated: a little noise around the line
    blue_above = int(blue[top:row - 6 * s].sum())
    print(f"{trait} QQ: pThresh line on pixel row {row} ({on_line} orange pixels); orange pixels {above} above it, "
          f"{below} well below; dark blue pixels above it: {blue_above}")
    assert on_line > 0.3 * (x1 - x0), f"{trait}: no dashed orange line on row {row}"
    assert above > 50 and below == 0, f"{trait}: corrected points misplaced ({above} orange pixels above, {below} below)"
    assert blue_above == 0, f"{trait}: {blue_above} dark blue pixels above the threshold line"


for path, trait, expect in zip(triples[0::3], triples[1::3], triples[2::3]):
    mlog, corrected = read(path)
    chi2 = stats.chi2.isf(10.0 ** -mlog[corrected], 1)
    reference = np.median(chi2) / stats.chi2.isf(threshold / 2, 1)
    found = re.search(rf"^{re.escape(trait)}: lambda_GC ([0-9.]+) over the (\d+) variants corrected by (\S+) "
                      rf"\(uncorrected p below --pThresh ([0-9.e-]+)", log, re.M)
    assert found, f"{trait}: no line for the corrected variants in the log"
    value, count = float(found.group(1)), int(found.group(2))
    assert count == corrected.sum(), f"{trait}: {count} corrected variants reported, {corrected.sum()} in the file"
    assert float(found.group(4)) == threshold, f"{trait}: threshold {found.group(4)}, expected {threshold}"
    assert abs(value / reference - 1) < 1e-5, f"{trait}: lambda_GC of the corrected {value}, reference {reference}"
    bounds = {"inflated": (1.3, math.inf), "calibrated": (0.9, 1.1), "any": (0, math.inf)}[expect]
    assert bounds[0] < value < bounds[1], f"{trait}: lambda_GC of the corrected {value} not in {bounds} ({expect})"
    row = re.search(rf'<tr><td><a href="#trait-{re.escape(trait)}">.*?</tr>', html)
    assert row and f"<td>{count} ({found.group(3)})</td>" in row.group(0), f"{trait}: the summary table lacks the count"
    print(f"{trait}: lambda_GC {value:.6f} over {count} {found.group(3)}-corrected variants (reference {reference:.6f}, {expect})")
    if pixels_too:
        qq_pixels(trait)
