#!/usr/bin/env python3
"""The I/O floor for one build: read every corpus file, write a given output tree.

    floor.py CORPUS MANIFEST OUT     read all of CORPUS, then write OUT as MANIFEST says
    floor.py --noop                  import and exit (measures this helper's start-up)

MANIFEST has one line per output file, "<size in bytes>\\t<relative path>", as
counted from gazette's output directory by run.py.  Each file gets exactly that
many bytes, taken from the corpus bytes just read (cycled if the output is
bigger), so the only work left is syscalls and memcpy: no parsing, rendering or
string building.  Directories are created as the paths need them.

Single-threaded on purpose: this is the cost of the file traffic itself, not of
a particular parallel schedule.  Run it as `python3 -S` to keep the interpreter
start-up small; run.py also times `--noop` so that start-up can be subtracted.
"""

import os
import sys


def main(argv):
    if argv[1:] == ["--noop"]:
        return 0
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    corpus, manifest, out = argv[1:]

    # Read: every regular file under the corpus, whole.
    chunks = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for name in sorted(filenames):
            with open(os.path.join(dirpath, name), "rb") as fh:
                chunks.append(fh.read())
    data = b"".join(chunks)
    del chunks
    if not data:
        data = b"\0"

    with open(manifest, "r", encoding="utf-8") as fh:
        entries = [line.rstrip("\n").split("\t", 1) for line in fh if line.strip()]

    # Write: same file count, paths and sizes as the real output.
    view = memoryview(data)
    total = len(data)
    pos = 0
    made = set()
    for size_s, rel in entries:
        size = int(size_s)
        path = os.path.join(out, rel)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "wb") as fh:
            left = size
            while left > 0:
                n = min(left, total - pos)
                fh.write(view[pos:pos + n])
                left -= n
                pos = (pos + n) % total
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
