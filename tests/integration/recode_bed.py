#!/usr/bin/python3
"""Writes a copy of a PLINK 1 file set whose calls are recoded to a genetic model, as additive counts of A1 (.bim
column 5): dominant 0/1/2 -> 0/1/1, recessive 0/1/2 -> 0/0/1; missing calls stay missing. ridgeway's --test MODEL on
the original must then test exactly what the additive test of the copy tests.
Usage: recode_bed.py IN_PREFIX OUT_PREFIX dominant|recessive"""
import shutil
import sys

import numpy as np

source, target, model = sys.argv[1:4]
n = sum(1 for _ in open(source + ".fam"))
m = sum(1 for _ in open(source + ".bim"))
stride = (n + 3) // 4
raw = np.fromfile(source + ".bed", dtype=np.uint8)
header, data = raw[:3], raw[3:].reshape(m, stride)
# Two bits per call, first sample in the low bits: 0 = two copies of A1, 1 = missing, 2 = one copy, 3 = none.
codes = (data[:, :, None] >> np.array([0, 2, 4, 6], dtype=np.uint8)) & 3
codes = codes.reshape(m, stride * 4)
recode = {"dominant": np.array([2, 1, 2, 3], dtype=np.uint8),  # two copies -> one
          "recessive": np.array([2, 1, 3, 3], dtype=np.uint8)}[model]  # two -> one, one -> none
codes = recode[codes]
codes[:, n:] = 0  # padding stays zero
packed = (codes.reshape(m, stride, 4) << np.array([0, 2, 4, 6], dtype=np.uint8)).sum(axis=2).astype(np.uint8)
with open(target + ".bed", "wb") as out:
    out.write(header.tobytes())
    out.write(packed.tobytes())
for extension in ("bim", "fam"):
    shutil.copy(f"{source}.{extension}", f"{target}.{extension}")
