"""Writes a simulated chromosome X for the 1000 Genomes EUR_subset samples (their IDs and real sexes, from the .fam of
Debian's bolt-lmm-example, or from FAM when given): PLINK 1 OUT_PREFIX.bed/.bim/.fam (phenotype column -9) with 3,000 variants, code X,
at hg38 positions: 90 in PAR1 (10,001-2,781,479), 2,820 outside the pseudoautosomal regions and 90 in PAR2
(155,701,383-156,030,895). MAF uniform on [0.01, 0.5], the minor allele A1 half the time; Hardy-Weinberg genotypes
without LD; 1% of calls missing. Males are hemizygous outside the PARs: one copy, written as a homozygous call (0 or
2), as PLINK does; everyone is diploid in the PARs.
OUT_PREFIX.pheno (FID IID QX BX) holds a quantitative trait QX, with h2 0.4 from 12 causal variants on X (10 outside
the PARs, one in each PAR; males counted 0/2, the coding of regenie and of plink2 --xchr-model 2) and +0.2 for
males, and a case/control trait BX (1 = control, 2 = case): the 95 samples (25%) with the highest liability, QX's
genetic value plus its own noise. The causal variants are listed on stdout (ID, part, beta per A1 copy).
Usage: make_chrx_eur.py OUT_PREFIX [FAM]
"""
import io
import sys
import tarfile

import numpy as np

EXAMPLES = "/usr/share/doc/bolt-lmm/examples/examples.tar.xz"
PARTS = (("PAR1", 10_001, 2_781_479, 90), ("nonPAR", 2_781_480, 155_701_382, 2_820),
         ("PAR2", 155_701_383, 156_030_895, 90))
MISSING_RATE = 0.01
H2 = 0.4
MALE_EFFECT = 0.2
CASE_SHARE = 0.25
MISSING = -1

prefix = sys.argv[1]
rng = np.random.default_rng(20260101)


def fam_lines():
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as fam:
            return fam.read().splitlines()
    with tarfile.open(EXAMPLES) as examples:
        return io.TextIOWrapper(examples.extractfile("EUR_subset.fam")).read().splitlines()


fam = [line.split() for line in fam_lines() if line.strip()]
n = len(fam)
male = np.array([row[4] == "1" for row in fam])
if not all(row[4] in ("1", "2") for row in fam):
    sys.exit("make_chrx_eur.py: every sample needs sex 1 or 2 in the .fam")

# Positions: each part cut into equal bins, one variant at a random place in each (strictly increasing).
positions, part_names = [], []
for name, first, last, count in PARTS:
    bounds = first + (np.arange(count + 1) * (last - first + 1)) // count
    positions.append(bounds[:-1] + (rng.random(count) * np.diff(bounds)).astype(np.int64))
    part_names += [name] * count
positions = np.concatenate(positions)
part_names = np.array(part_names)
m = len(positions)
hemizygous = part_names == "nonPAR"

maf = rng.uniform(0.01, 0.5, size=m)
a1_freq = np.where(rng.random(m) < 0.5, maf, 1 - maf)
bases = np.array(list("ACGT"))
first_base = rng.integers(0, 4, size=m)
allele1 = bases[first_base]
allele2 = bases[(first_base + 1 + rng.integers(0, 3, size=m)) % 4]
ids = [f"X_{pos}" for pos in positions]

# A1 counts, variants x samples: two copies, or one copy counted twice for males outside the PARs.
first_copy = rng.random((m, n)) < a1_freq[:, None]
second_copy = rng.random((m, n)) < a1_freq[:, None]
second_copy = np.where(hemizygous[:, None] & male[None, :], first_copy, second_copy)
genotypes = first_copy.astype(np.int8) + second_copy.astype(np.int8)
genotypes[rng.random((m, n)) < MISSING_RATE] = MISSING

# Causal variants: 10 outside the PARs and one in each PAR; effects scaled so that the genetic value has variance H2
# in the sample, a missing call counting as the variant's mean.
causal = np.concatenate([rng.choice(np.flatnonzero(part_names == name), count, replace=False)
                         for name, count in (("PAR1", 1), ("nonPAR", 10), ("PAR2", 1))])
genetic = np.zeros(n)
raw_effects = rng.normal(size=len(causal))
for v, effect in zip(causal, raw_effects):
    g = genotypes[v].astype(float)
    called = g != MISSING
    g[~called] = g[called].mean()
    genetic += effect * (g - g.mean())
scale = np.sqrt(H2 / genetic.var())
genetic *= scale
qx = genetic + MALE_EFFECT * male + rng.normal(scale=np.sqrt(1 - H2), size=n)
liability = genetic + rng.normal(scale=np.sqrt(1 - H2), size=n)
cases = np.argsort(-liability)[:int(round(CASE_SHARE * n))]
bx = np.ones(n, dtype=int)
bx[cases] = 2

# .bed: magic, variant-major, 2 bits per sample, low bits first; 00 = two A1, 10 = one, 11 = none, 01 = missing.
codes = np.select([genotypes == 2, genotypes == 1, genotypes == 0], [0b00, 0b10, 0b11], default=0b01).astype(np.uint8)
width = (n + 3) // 4
padded = np.zeros((m, 4 * width), dtype=np.uint8)
padded[:, :n] = codes
packed = (padded[:, 0::4] | (padded[:, 1::4] << 2) | (padded[:, 2::4] << 4) | (padded[:, 3::4] << 6)).astype(np.uint8)
with open(prefix + ".bed", "wb") as bed:
    bed.write(bytes([0x6C, 0x1B, 0x01]))
    bed.write(packed.tobytes())
with open(prefix + ".bim", "w") as bim:
    for v in range(m):  # A1 (5th column) is the counted allele
        bim.write(f"X\t{ids[v]}\t0\t{positions[v]}\t{allele1[v]}\t{allele2[v]}\n")
with open(prefix + ".fam", "w") as out:
    for row in fam:
        out.write(" ".join(row[:5]) + " -9\n")  # the traits are in the .pheno
with open(prefix + ".pheno", "w") as pheno:
    pheno.write("FID IID QX BX\n")
    for row, q, b in zip(fam, qx, bx):
        pheno.write(f"{row[0]} {row[1]} {q:.6g} {b}\n")
for v, effect in zip(causal, raw_effects * scale):
    print(ids[v], part_names[v], f"{effect:.6g}")
