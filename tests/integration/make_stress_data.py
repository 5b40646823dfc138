"""Writes a case/control cohort built to stress the logistic fits: PLINK 1 stress.bed/.bim/.fam, stress.pheno
(RARE20: 20 cases in 10,000; TEN: about 10% cases, some NA; SEP: cases exactly the samples with C2 = 1) and
stress.covar (C1 normal, C2 0/1). About 180 random variants with MAF 0.0005-0.5 and missing calls, plus named
special variants (separation, all-cases carriers, monomorphic, single carriers, collinear with C2, ...).
Usage: make_stress_data.py OUT_PREFIX
"""
import sys

import numpy as np

N = 10_000
RANDOM_VARIANTS = 180
MISSING = -1

prefix = sys.argv[1]
rng = np.random.default_rng(20240611)

ids = [f"S{i:05d}" for i in range(N)]
c1 = rng.normal(size=N)
c2 = (rng.random(N) < 0.5).astype(int)

rare20 = np.zeros(N, dtype=bool)
rare20_cases = np.sort(rng.choice(N, 20, replace=False))
rare20[rare20_cases] = True
rare20_controls = np.flatnonzero(~rare20)
# TEN depends on C1; the intercept puts prevalence near 10%.
ten = rng.random(N) < 1.0 / (1.0 + np.exp(-(-2.25 + 0.5 * c1)))
ten_missing = rng.choice(N, 100, replace=False)
ten_cases = np.setdiff1d(np.flatnonzero(ten), ten_missing)
sep = c2 == 1

# A1 counts per sample (0, 1, 2 or MISSING), one array per variant, with its ID.
variants = []


def random_counts(a1_freq, missing_rate):
    counts = rng.binomial(2, a1_freq, size=N)
    counts[rng.random(N) < missing_rate] = MISSING
    return counts


mafs = np.exp(rng.uniform(np.log(0.0005), np.log(0.5), RANDOM_VARIANTS))
for v, maf in enumerate(mafs):
    a1_freq = maf if rng.random() < 0.5 else 1.0 - maf  # A1 is the minor allele about half the time
    missing_rate = 0.0 if v % 3 == 0 else rng.uniform(0.0, 0.05)
    variants.append((f"rnd{v:03d}", random_counts(a1_freq, missing_rate)))


def special(name, carriers=(), count=1, background=0):
    counts = np.full(N, background)
    counts[np.asarray(carriers, dtype=int)] = count
    variants.append((name, counts))
    return counts


# Complete separation for RARE20: carried (one copy) by 5 cases only.
special("sep_cases5", rare20_cases[:5])
# The same with two copies.
special("sep_cases5_hom", rare20_cases[5:10], count=2)
# Carried by all 20 RARE20 cases and nobody else.
special("all20_cases", rare20_cases)
# The mirror image: A1 is the major allele, all 20 cases lack it (negative BETA expected).
special("all20_cases_flipped", rare20_cases, count=0, background=2)
# Complete separation the other way: 50 RARE20 controls carry it, no case does.
special("controls_only50", rng.choice(rare20_controls, 50, replace=False))
# Separation for TEN: 8 of its cases carry it.
special("ten_sep8", rng.choice(ten_cases, 8, replace=False))
# Monomorphic three ways.
special("mono_a2")
special("mono_a1", background=2)
special("all_het", background=1)
# Monomorphic among the called samples, 5% missing calls.
counts = special("mono_with_missing")
counts[rng.random(N) < 0.05] = MISSING
# One carrier: a control of RARE20 and of TEN (an observed TEN value), then one RARE20 case.
single = rng.choice(np.setdiff1d(rare20_controls, np.concatenate([ten_cases, ten_missing])), 1)
special("single_control", single)
special("single_case", rare20_cases[10:11])
# Separation with missing calls elsewhere (exact Firth's reference model refits on the called samples).
counts = special("sep_cases5_missing", rare20_cases[:5])
others = np.setdiff1d(np.arange(N), rare20_cases[:5])
counts[others[rng.random(others.size) < 0.1]] = MISSING
# Every RARE20 case has a missing call: no case left for the test.
counts = random_counts(0.2, 0.01)
counts[rare20_cases] = MISSING
variants.append(("cases_all_missing", counts))
# All 20 cases homozygous for A1, controls ordinary (quasi-complete separation at a common variant).
counts = random_counts(0.3, 0.0)
counts[rare20_cases] = 2
variants.append(("cases_all_hom", counts))
# Identical to the 0/1 covariate C2: collinear with the covariates.
variants.append(("copy_of_c2", c2.copy()))
# 99% missing calls.
variants.append(("mostly_missing", random_counts(0.3, 0.99)))

# .bed: magic, variant-major, 2 bits per sample, low bits first; 00 = two A1, 10 = one, 11 = none, 01 = missing.
code_of = np.array([0b01, 0b11, 0b10, 0b00], dtype=np.uint8)  # indexed by A1 count + 1 (MISSING = -1)
bytes_per_variant = (N + 3) // 4
with open(prefix + ".bed", "wb") as bed:
    bed.write(bytes([0x6C, 0x1B, 0x01]))
    for _, counts in variants:
        codes = np.zeros(bytes_per_variant * 4, dtype=np.uint8)  # padding codes are 00
        codes[:N] = code_of[counts + 1]
        quads = codes.reshape(-1, 4)
        packed = quads[:, 0] | (quads[:, 1] << 2) | (quads[:, 2] << 4) | (quads[:, 3] << 6)
        bed.write(packed.astype(np.uint8).tobytes())
with open(prefix + ".bim", "w") as bim:
    for v, (name, _) in enumerate(variants):
        bim.write(f"1\t{name}\t0\t{1000 + 100 * v}\tA\tG\n")  # A (5th column) is A1
with open(prefix + ".fam", "w") as fam:
    for i in ids:
        fam.write(f"{i} {i} 0 0 0 -9\n")


def code(is_case, missing=False):
    return "NA" if missing else ("2" if is_case else "1")


ten_na = np.zeros(N, dtype=bool)
ten_na[ten_missing] = True
with open(prefix + ".pheno", "w") as pheno:
    pheno.write("FID IID RARE20 TEN SEP\n")
    for i in range(N):
        pheno.write(f"{ids[i]} {ids[i]} {code(rare20[i])} {code(ten[i], ten_na[i])} {code(sep[i])}\n")
with open(prefix + ".covar", "w") as covar:
    covar.write("FID IID C1 C2\n")
    for i in range(N):
        covar.write(f"{ids[i]} {ids[i]} {c1[i]:.6f} {c2[i]}\n")
print(f"{len(variants)} variants, {N} samples; RARE20 {rare20.sum()} cases, TEN {len(ten_cases)} cases "
      f"({ten_na.sum()} NA), SEP {sep.sum()} cases")
