"""Writes a case/control result file whose variants with uncorrected p below a threshold carry a correction (Firth or
SPA), in one of ridgeway's three layouts, for checking the report's lambda_GC of the corrected variants.
Uncorrected p-values are null (uniform, from the seed). The corrected ones are either
  calibrated: the uncorrected z plus a little noise (sd 0.05), as a correction that agrees with a sound score test, or
  inflated:   the uncorrected chi-square times 1.5, i.e. p-values deflated (too significant).
Other variants keep the uncorrected p, so the median over all variants, and lambda_GC, is the same in both modes.
Five corrected rows are failed fits without a p-value (FIRTH_FAILED / SPA_FAILED).
Usage: make_corrected_results.py PATH tsv|regenie|ssf calibrated|inflated THRESHOLD FIRTH|SPA SEED VARIANTS"""
import sys

import numpy as np
from scipy import stats

path, layout, mode, threshold, name, seed, variants = sys.argv[1:8]
threshold, seed, variants = float(threshold), int(seed), int(variants)
rng = np.random.default_rng(seed)
p = rng.uniform(size=variants)
z = stats.norm.isf(p / 2) * rng.choice([-1, 1], size=variants)
corrected = p < threshold
if mode == "inflated":
    p_out = np.where(corrected, stats.chi2.sf(1.5 * z * z, 1), p)
else:
    noise = np.random.default_rng(seed + 1).normal(0, 0.05, size=variants)
    p_out = np.where(corrected, 2 * stats.norm.sf(np.abs(z + noise)), p)
failed = set(np.nonzero(corrected)[0][:5])
chromosomes = 10
per = variants // chromosomes

headers = {
    "tsv": "#CHROM\tPOS\tID\tREF\tALT\tA1\tA1FREQ\tA1FREQ_CASES\tA1FREQ_CONTROLS\tN\tN_CASES\tN_CONTROLS\tTEST\tBETA\tSE"
           "\tZ_STAT\tP\tLOG10P\tERRCODE",
    "regenie": "CHROM GENPOS ID ALLELE0 ALLELE1 A1FREQ A1FREQ_CASES A1FREQ_CONTROLS N N_CASES N_CONTROLS TEST BETA SE "
               "CHISQ LOG10P EXTRA",
    "ssf": "chromosome\tbase_pair_location\teffect_allele\tother_allele\tbeta\tstandard_error\teffect_allele_frequency"
           "\tp_value\tvariant_id\trsid\tn\ttest",
}
with open(path, "w") as out:
    out.write(headers[layout] + "\n")
    for i in range(variants):
        chrom, pos = i // per + 1, 1000 + 100 * (i % per)
        test = name if corrected[i] else "SCORE"
        zi = float(stats.norm.isf(p_out[i] / 2)) * np.sign(z[i])
        beta, se = 0.1 * zi, 0.1
        if layout == "tsv":
            value = "NA\tNA\tNA\tNA\tNA\t" + name + "_FAILED" if i in failed else \
                f"{beta:.6g}\t{se:.6g}\t{zi:.6g}\t{p_out[i]:.6g}\t{-np.log10(p_out[i]):.6g}\t."
            out.write(f"{chrom}\t{pos}\tv{i}\tA\tG\tG\t0.2\t0.21\t0.19\t2000\t500\t1500\t{test}\t{value}\n")
        elif layout == "regenie":
            if i in failed:
                value = f"NA NA NA NA {name}_FAILED"
            else:
                value = f"{beta:.6g} {se:.6g} {zi * zi:.6g} {-np.log10(p_out[i]):.6g} {name if corrected[i] else 'NA'}"
            out.write(f"{chrom} {pos} v{i} A G 0.2 0.21 0.19 2000 500 1500 ADD {value}\n")
        elif i not in failed:  # GWAS-SSF leaves rows without an estimate out
            out.write(f"{chrom}\t{pos}\tG\tA\t{beta:.6g}\t{se:.6g}\t0.2\t{p_out[i]:.6g}\t{chrom}_{pos}_A_G\t#NA\t2000\t{test}\n")
