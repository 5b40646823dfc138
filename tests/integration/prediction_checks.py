"""What the prediction tests share: reading ridgeway's TSV tables, and collecting failed checks to report at once."""
import sys

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def read_tsv(path):
    with open(path) as handle:
        header = handle.readline().rstrip("\n").split("\t")
        return header, [line.rstrip("\n").split("\t") for line in handle]


def finish():
    if failures:
        print("\n".join(["FAILED:"] + failures))
        sys.exit(1)
