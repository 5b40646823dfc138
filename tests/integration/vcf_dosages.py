"""The DS dosages of a VCF as ridgeway's VCF reader holds them, for the tests that recompute its results: htslib reads
DS as a float (float32), ridgeway stores it in units of 1/16384 rounded to the nearest (std::lround); "." is missing
(NaN)."""
import gzip

import numpy as np


def read_ds(path):
    """Sample names, variant IDs, and the dosages (variants x samples)."""
    samples, ids, rows = [], [], []
    with gzip.open(path, "rt") as vcf:
        for line in vcf:
            if line.startswith("##"):
                continue
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#"):
                samples = fields[9:]
                continue
            ds = fields[8].split(":").index("DS")
            values = [genotype.split(":")[ds] for genotype in fields[9:]]
            parsed = np.array([np.nan if v == "." else float(np.float32(v)) for v in values])
            ids.append(fields[2])
            rows.append(np.floor(np.clip(parsed, 0, 2) * 16384 + 0.5) / 16384)
    return samples, ids, np.array(rows)
