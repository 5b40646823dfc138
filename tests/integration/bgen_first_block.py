"""Where the first variant's genotype block starts in a BGEN file (layout 2): the offset of its 4-byte length, for
tests that corrupt or rewrite it (bad_input.sh)."""
import struct


def first_block_offset(data):
    at = struct.unpack("<I", data[0:4])[0] + 4
    for _ in range(3):  # variant ID, rsID, chromosome
        at += 2 + struct.unpack("<H", data[at:at + 2])[0]
    at += 4
    alleles = struct.unpack("<H", data[at:at + 2])[0]
    at += 2
    for _ in range(alleles):
        at += 4 + struct.unpack("<I", data[at:at + 4])[0]
    return at
