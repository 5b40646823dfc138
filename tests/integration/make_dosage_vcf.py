#!/usr/bin/python3
"""Writes an imputed-looking VCF from a VCF of hard calls: for each of the first MAX records, FORMAT GT:DS:GP with
DS the call moved towards its neighbours by a seeded random amount (about 40% of genotypes get a fractional dosage,
1% become missing) and GP the probabilities with that dosage that put mass on at most two adjacent genotypes.
Usage: make_dosage_vcf.py IN.vcf.gz OUT.vcf MAX SEED
"""
import gzip
import random
import sys


def probabilities(dosage):
    if dosage <= 1:
        return (1 - dosage, dosage, 0.0)
    return (0.0, 2 - dosage, dosage - 1)


def main(source, target, limit, seed):
    rng = random.Random(seed)
    written = 0
    with gzip.open(source, "rt") as vcf, open(target, "w") as out:
        for line in vcf:
            if line.startswith("##"):
                if not line.startswith("##FORMAT"):
                    out.write(line)
                continue
            if line.startswith("#"):
                out.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
                out.write('##FORMAT=<ID=DS,Number=A,Type=Float,Description="Dosage of ALT">\n')
                out.write('##FORMAT=<ID=GP,Number=G,Type=Float,Description="Genotype probabilities">\n')
                out.write(line)
                continue
            if written == limit:
                break
            fields = line.rstrip("\n").split("\t")
            genotypes = []
            for call in fields[9:]:
                if call.startswith(".") or rng.random() < 0.01:
                    genotypes.append("./.:.:.,.,.")
                    continue
                g = int(call[0]) + int(call[2])
                d = float(g)
                if rng.random() < 0.4:
                    d = min(2.0, max(0.0, g + rng.uniform(-0.45, 0.45)))
                p = probabilities(d)
                genotypes.append(f"{call}:{d:.4f}:{p[0]:.4f},{p[1]:.4f},{p[2]:.4f}")
            out.write("\t".join(fields[:8] + ["GT:DS:GP"] + genotypes) + "\n")
            written += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
