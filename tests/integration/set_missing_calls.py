#!/usr/bin/python3
"""Copies a PLINK 1 file set with some calls set missing: for each ID:ROWS argument, the variant ID's calls of the
samples at the 0-based .fam rows ROWS (comma-separated).
Usage: set_missing_calls.py FROM_PREFIX TO_PREFIX ID:ROWS..."""
import shutil
import sys

source, target = sys.argv[1], sys.argv[2]
ids = [line.split()[1] for line in open(source + ".bim")]
n = sum(1 for _ in open(source + ".fam"))
stride = (n + 3) // 4
data = bytearray(open(source + ".bed", "rb").read())
for argument in sys.argv[3:]:
    variant, _, rows = argument.partition(":")
    start = 3 + ids.index(variant) * stride
    for row in map(int, rows.split(",")):
        shift = 2 * (row % 4)
        data[start + row // 4] = (data[start + row // 4] & ~(3 << shift)) | (1 << shift)  # 01: missing
open(target + ".bed", "wb").write(data)
for extension in (".bim", ".fam"):
    shutil.copy(source + extension, target + extension)
