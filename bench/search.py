#!/usr/bin/env python3
"""What `[search]` costs and how well it finds (standard library only).

    cargo build --release
    python3 /path/to/gen_corpus.py --n 10000 --out /tmp/corpus-10k --flavor plain
    python3 bench/search.py --corpus /tmp/corpus-10k --runs 3

1. Builds the corpus (with bench/run.py's site.toml) alternately with `[search]` off and
   on, `--runs` times each, and reports the median CPU time (user + sys) and peak resident
   memory of each, from the kernel's rusage (`wait4`).
2. Bytes a one-word query fetches: search.js (the manifest written in), the word chunk the word is
   in, and the fragment batches of the first five results (the page search.js shows), for
   `--words` sample words (the median and the largest are printed), as the files are and
   as a host that gzips them sends them.
3. Quality: `--queries` queries made from random words (and two- and three-word phrases)
   of random articles, and as many made of random articles' titles; reports how often the
   article they came from is in the top 5. The ranking is search.js's, redone here in
   Python on the files the build wrote.

"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from run import SITE_TOML  # noqa: E402  (the corpus's site.toml, as bench/run.py writes it)

WORD = re.compile(r"[^\W_][\w]*", re.UNICODE)
DIGIT = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")}
# Results search.js shows at once (its PAGE).
PAGE = 5


def build(gazette: str, root: str, out: str) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([gazette, "--root", root, "build", "--output", out, "--quiet"])
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"build of {root} failed ({status})")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
    }


def with_config(corpus: str, work: str, search: bool) -> str:
    """A site folder: the corpus's content (symlinked) and a site.toml."""
    root = os.path.join(work, "search-on" if search else "search-off")
    os.makedirs(root, exist_ok=True)
    link = os.path.join(root, "content")
    if not os.path.exists(link):
        os.symlink(os.path.join(os.path.abspath(corpus), "content"), link)
    toml = SITE_TOML + ("\n[search]\nenabled = true\n" if search else "")
    with open(os.path.join(root, "site.toml"), "w") as f:
        f.write(toml)
    return root


def normalize(word: str) -> str:
    w = unicodedata.normalize("NFKC", word).lower().replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def read_postings(text: str) -> list[tuple[int, int]]:
    """(id, score) of each posting of a posting string (docs/search.md, "Chunks")."""
    out, doc, at = [], 0, 0
    while at < len(text):
        gap, shift, d = 0, 0, DIGIT[text[at]]
        at += 1
        while d & 32:
            gap |= (d & 31) << shift
            shift += 5
            d = DIGIT[text[at]]
            at += 1
        doc += gap | d << shift
        out.append((doc, DIGIT[text[at]] << 6 | DIGIT[text[at + 1]]))
        at += 2
    return out


@functools.lru_cache(maxsize=None)
def gzip_size(path: str) -> int:
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=6))


class Index:
    """The files of search/index/, read as search.js reads them, counting bytes."""

    def __init__(self, public: str):
        self.dir = os.path.join(public, "search", "index")
        client = os.path.join(public, "search", "search.js")
        self.client = os.path.getsize(client)
        self.client_gz = gzip_size(client)
        self.manifest = self.load("manifest.json")
        self.cache: dict[str, object] = {}

    def load(self, rel: str):
        with open(os.path.join(self.dir, rel), "rb") as f:
            return json.loads(f.read())

    def size(self, rel: str, gz: bool = False) -> int:
        path = os.path.join(self.dir, rel)
        return gzip_size(path) if gz else os.path.getsize(path)

    def chunk_of(self, word: str) -> int:
        firsts = self.manifest["chunks"]
        lo, hi = 0, len(firsts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if firsts[mid] <= word:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def chunk(self, i: int):
        key = f"w/{i}.json"
        if key not in self.cache:
            self.cache[key] = self.load(key)
        return self.cache[key]

    def lookup(self, word: str, prefix: bool, fetched: set) -> tuple[dict[int, float], set, float]:
        first = self.chunk_of(word)
        ids = [first]
        if prefix:
            j = first + 1
            while j < len(self.manifest["chunks"]) and j < first + 3 and self.manifest["chunks"][j].startswith(word):
                ids.append(j)
                j += 1
        scores: dict[int, float] = {}
        titles: set[int] = set()
        for i in ids:
            fetched.add(f"w/{i}.json")
            chunk = self.chunk(i)
            for form, k in chunk["w"].items():
                exact = form == word
                if not exact and not (prefix and form.startswith(word)):
                    continue
                weight = 1.0 if exact else 0.6
                for doc, raw in read_postings(chunk["s"][k]):
                    s = raw // 2 / self.manifest["scale"] * weight
                    if scores.get(doc, -1) < s:
                        scores[doc] = s
                    if raw % 2:
                        titles.add(doc)
        df, n = len(scores), self.manifest["records"]
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return {d: s * idf for d, s in scores.items()}, titles, idf

    def search(self, query: str, fetched: set) -> list[int]:
        terms: list[str] = []
        for w in WORD.findall(query):
            n = normalize(w)
            if n not in terms:
                terms.append(n)
        total: dict[int, list] = {}
        idfs = 0.0
        for i, t in enumerate(terms):
            scores, titles, idf = self.lookup(t, i == len(terms) - 1 and len(t) >= 2, fetched)
            idfs += idf
            for doc, s in scores.items():
                entry = total.setdefault(doc, [0.0, 0, 0.0])
                entry[0] += s
                entry[1] += 1
                if doc in titles:
                    entry[2] += idf
        # As search.js: a title holding query words adds the boost times their idf times
        # their share of the query's idf, squared.
        for entry in total.values():
            if entry[2] > 0:
                entry[0] += self.manifest["title_boost"] * entry[2] * (entry[2] / idfs) ** 2
        # As search.js: the stories with every word, or when there are none, those with some.
        every = {d: v for d, v in total.items() if v[1] == len(terms)}
        hits = every or total
        return [d for d, _ in sorted(hits.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))]

    def query_bytes(self, query: str, gz: bool = False) -> int:
        """Bytes the query fetches; with `gz`, as a host that gzips JSON and JS sends them."""
        # search.js carries the manifest: nothing more to fetch before the word's chunk.
        fetched: set[str] = set()
        hits = self.search(query, fetched)
        batch = self.manifest["batch"]
        fetched |= {f"s/{d // batch}.json" for d in hits[:PAGE]}
        client = self.client_gz if gz else self.client
        return client + sum(self.size(f, gz) for f in fetched)

    def urls(self) -> list[str]:
        out = []
        batch = self.manifest["batch"]
        for b in range((self.manifest["records"] + batch - 1) // batch):
            out.extend(item[0] for item in self.load(f"s/{b}.json"))
        return out


def article_words(path: str) -> tuple[str, list[str]]:
    text = open(path, encoding="utf-8").read()
    _, front, body = text.split("---", 2)
    slug = os.path.basename(path)[:-3]
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are not text
    body = re.sub(r"`[^`]*`", " ", body)
    return slug, [w for w in WORD.findall(body) if len(w) >= 4 and w.isalpha()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a corpus made by gen_corpus.py --flavor plain")
    ap.add_argument("--gazette", default=os.path.join(REPO, "target", "release", "gazette"))
    ap.add_argument("--work", default="/tmp/gazette-search-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--words", type=int, default=50, help="one-word queries to size")
    ap.add_argument("--queries", type=int, default=50, help="queries for the top-5 check")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    roots = {on: with_config(args.corpus, args.work, on) for on in (False, True)}
    outs = {on: os.path.join(args.work, f"out-{'on' if on else 'off'}") for on in (False, True)}
    runs: dict[bool, list[dict]] = {False: [], True: []}
    for _ in range(args.runs):
        for on in (False, True):
            runs[on].append(build(args.gazette, roots[on], outs[on]))
    report: dict = {"runs": {str(k): v for k, v in runs.items()}}
    med = {on: {k: statistics.median(r[k] for r in runs[on]) for k in ("wall", "cpu", "rss_mib")} for on in runs}
    for on in (False, True):
        m = med[on]
        print(f"search {'on ' if on else 'off'}: wall {m['wall']:.2f} s, cpu {m['cpu']:.2f} s, peak {m['rss_mib']:.0f} MiB (median of {args.runs})")
    print(f"search adds: cpu {med[True]['cpu'] - med[False]['cpu']:+.2f} s, peak {med[True]['rss_mib'] - med[False]['rss_mib']:+.0f} MiB")
    index_dir = os.path.join(outs[True], "search")
    nfiles = sum(len(f) for _, _, f in os.walk(index_dir))
    nbytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(index_dir) for f in fs)
    print(f"search files: {nfiles}, {nbytes / 1e6:.1f} MB")

    index = Index(outs[True])
    urls = index.urls()
    rng = random.Random(args.seed)
    articles = sorted(os.listdir(os.path.join(args.corpus, "content", "articles")))
    sizes, gzipped = [], []
    for _ in range(args.words):
        _, words = article_words(os.path.join(args.corpus, "content", "articles", rng.choice(articles)))
        word = rng.choice(words)
        sizes.append(index.query_bytes(word))
        gzipped.append(index.query_bytes(word, gz=True))
    print(f"one-word query: median {statistics.median(sizes) / 1000:.0f} KB, max {max(sizes) / 1000:.0f} KB fetched (search.js {index.client / 1000:.0f} KB included)")
    print(f"  the same from a host that gzips: median {statistics.median(gzipped) / 1000:.0f} KB, max {max(gzipped) / 1000:.0f} KB")

    found = 0
    queries = []
    for q in range(args.queries):
        name = rng.choice(articles)
        slug, words = article_words(os.path.join(args.corpus, "content", "articles", name))
        n = [1, 2, 3][q % 3]
        at = rng.randrange(0, max(1, len(words) - n))
        query = " ".join(words[at:at + n])
        top5 = [urls[d] for d in index.search(query, set())[:5]]
        hit = any(u.rstrip("/").endswith("/" + slug) for u in top5)
        found += hit
        queries.append({"query": query, "article": slug, "top5": top5, "hit": hit})
    print(f"quality: the source article is in the top 5 for {found}/{args.queries} queries of 1-3 body words")
    titles = 0
    for _ in range(args.queries):
        name = rng.choice(articles)
        with open(os.path.join(args.corpus, "content", "articles", name), encoding="utf-8") as f:
            title = next(line for line in f if line.startswith("title: "))[7:].strip().strip("'\"")
        top5 = [urls[d] for d in index.search(title, set())[:5]]
        titles += any(u.rstrip("/").endswith("/" + name[:-3]) for u in top5)
    print(f"quality: the article is in the top 5 for {titles}/{args.queries} queries of its title")
    if args.json:
        report.update({"medians": {str(k): v for k, v in med.items()}, "query_bytes": sizes, "queries": queries})
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
