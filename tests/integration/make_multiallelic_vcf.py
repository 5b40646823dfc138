#!/usr/bin/python3
"""Writes the same random genotypes twice: MULTI.vcf with multiallelic records (2 to 6 ALT alleles), and SPLIT.vcf
with each of those records split into one biallelic record per ALT allele, whose genotype counts that ALT (a call
with another ALT counts as REF there; missing stays missing). Biallelic records are interleaved, some calls are
phased and some missing, and some records have many REF/ALT1 calls with few involving later ALTs, so that PLINK 2's
.pgen of MULTI.vcf uses both layouts of its multiallelic patches and a phase track.
Usage: make_multiallelic_vcf.py SAMPLES_FILE MULTI.vcf SPLIT.vcf RECORDS SEED (SAMPLES_FILE: one sample ID per line)
"""
import random
import sys


def draw_genotype(rng, weights, missing_rate, phased):
    if rng.random() < missing_rate:
        return "./." if not phased else ".|."
    a, b = rng.choices(range(len(weights)), weights=weights, k=2)
    if not phased:
        a, b = min(a, b), max(a, b)
    return f"{a}{'|' if phased else '/'}{b}"


def split_genotype(genotype, alt):
    if genotype[0] == ".":
        return genotype
    separator = genotype[1]
    first, second = (int(x) for x in genotype.split(separator))
    return f"{int(first == alt)}{separator}{int(second == alt)}"


def main(samples_file, multi_path, split_path, records, seed):
    rng = random.Random(int(seed))
    samples = [line.split()[0] for line in open(samples_file) if line.strip()]
    header = ["##fileformat=VCFv4.2", "##contig=<ID=1,length=100000000>",
              '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
              "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples)]
    bases = "ACGT"
    with open(multi_path, "w") as multi, open(split_path, "w") as split:
        print("\n".join(header), file=multi)
        print("\n".join(header), file=split)
        for record in range(int(records)):
            n_alts = 1 if record % 3 == 0 else rng.choice([2, 2, 3, 4, 5, 6])
            ref = rng.choice(bases)
            alts = [ref + bases[k % 4] * (k // 4 + 1) for k in range(n_alts)]
            if n_alts == 1:
                alts = [rng.choice([b for b in bases if b != ref])]
            if record % 5 == 1:  # mostly REF/ALT1, few later ALTs: sparse patches
                weights = [0.5, 0.47] + [0.03 / (n_alts - 1)] * (n_alts - 1) if n_alts > 1 else [0.5, 0.5]
            else:
                weights = [rng.uniform(0.2, 1) for _ in range(n_alts + 1)]
            phased = record % 4 == 2
            genotypes = [draw_genotype(rng, weights, 0.02, phased) for _ in samples]
            position, name = 1000 * (record + 1), f"m{record + 1}"
            fixed = f"1\t{position}\t{name}\t{ref}"
            print(f"{fixed}\t{','.join(alts)}\t.\t.\t.\tGT\t" + "\t".join(genotypes), file=multi)
            for alt in range(1, n_alts + 1):
                split_calls = [split_genotype(g, alt) for g in genotypes]
                print(f"{fixed}\t{alts[alt - 1]}\t.\t.\t.\tGT\t" + "\t".join(split_calls), file=split)


if __name__ == "__main__":
    main(*sys.argv[1:])
