"""Step 1 for case/control traits must find the simulated genetic signal: for each trait, the correlation of every
chromosome's LOCO prediction (log-odds scale) with the true genetic value (PREFIX.gv) must exceed 0.2. With
h2 = 0.5, 40 causal variants and 3,000 samples ridgeway reaches about 0.3; a LOCO file that lost the signal, was
mis-ordered or took the wrong sign gives about 0 or below.
Usage: check_loco_signal.py SIMULATION_PREFIX STEP1_PREFIX TRAIT..."""
import sys

import numpy as np

prefix, step1, traits = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = [line.split() for line in open(prefix + ".gv")]
columns = lines[0][2:]
genetic = {f"{row[0]}_{row[1]}": row[2:] for row in lines[1:]}
for k, trait in enumerate(traits, start=1):
    loco = [line.split() for line in open(f"{step1}_{k}.loco")]
    ids = loco[0][1:]
    values = np.array([[float(x) for x in row[1:]] for row in loco[1:]])
    truth = np.array([float(genetic[i][columns.index(trait)]) for i in ids])
    r = [np.corrcoef(row, truth)[0, 1] for row in values]
    print(f"{trait}: correlation of LOCO predictions with the genetic value {min(r):.3f} .. {max(r):.3f}")
    assert min(r) > 0.2, f"{trait}: LOCO predictions lost the genetic signal (r down to {min(r):.3f})"
