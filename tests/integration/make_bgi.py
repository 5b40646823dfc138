"""Writes FILE.bgen.bgi for a BGEN file of layout 2, as bgenix -index would (bgenix is not packaged in Debian): the
table Variant with bgenix's columns and primary key, one row per record, found by walking the records.

usage: make_bgi.py FILE.bgen
"""
import sqlite3
import struct
import sys


def records(path):
    """Yields (chromosome, position, rsid, alleles, start, size) for every record of the file."""
    with open(path, "rb") as bgen:
        data = bgen.read()
    (offset,) = struct.unpack_from("<I", data, 0)
    (header_length, n_variants) = struct.unpack_from("<II", data, 4)
    (flags,) = struct.unpack_from("<I", data, 4 + header_length - 4)
    if (flags >> 2) & 0xF != 2:
        sys.exit(f"{path}: layout {(flags >> 2) & 0xF}, only layout 2 is indexed")
    at = offset + 4

    def text(length_format):
        nonlocal at
        (length,) = struct.unpack_from(length_format, data, at)
        at += struct.calcsize(length_format)
        at += length
        return data[at - length:at].decode()

    for _ in range(n_variants):
        start = at
        text("<H")  # SNP id
        rsid = text("<H")
        chromosome = text("<H")
        (position, n_alleles) = struct.unpack_from("<IH", data, at)
        at += 6
        alleles = [text("<I") for _ in range(n_alleles)]
        (genotype_bytes,) = struct.unpack_from("<I", data, at)
        at += 4 + genotype_bytes
        yield chromosome, position, rsid, alleles, start, at - start


def main():
    path = sys.argv[1]
    db = sqlite3.connect(path + ".bgi")
    db.execute("DROP TABLE IF EXISTS Variant")
    db.execute(
        "CREATE TABLE Variant (chromosome TEXT NOT NULL, position INT NOT NULL, rsid TEXT NOT NULL, "
        "number_of_alleles INT NOT NULL, allele1 TEXT NOT NULL, allele2 TEXT NULL, file_start_position INT NOT NULL, "
        "size_in_bytes INT NOT NULL, PRIMARY KEY (chromosome, position, rsid, allele1, allele2, file_start_position)) "
        "WITHOUT ROWID")
    db.executemany(
        "INSERT INTO Variant VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((chromosome, position, rsid, len(alleles), alleles[0], alleles[1] if len(alleles) > 1 else None, start, size)
         for chromosome, position, rsid, alleles, start, size in records(path)))
    db.commit()
    db.close()


main()
