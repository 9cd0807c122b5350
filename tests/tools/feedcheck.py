#!/usr/bin/env python3
"""Reads each RSS/Atom feed with feedparser, as a feed reader would (JSON Feed: its rules by hand): fails on a bozo (malformed) feed,
an item without an absolute link, or a feed with no items. Usage: feedcheck.py FEED..."""
import json
import sys

import feedparser


def check_json_feed(path):
    """feedparser does not read JSON Feed: check version 1.1's required fields by hand."""
    with open(path, encoding="utf-8") as f:
        feed = json.load(f)
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version is {feed.get('version')!r}")
    if not feed.get("title"):
        problems.append("no title")
    items = feed.get("items") or []
    if not items:
        problems.append("no items")
    ids = [i.get("id") for i in items]
    if len(set(ids)) != len(ids):
        problems.append("duplicate item ids")
    for i in items:
        if not str(i.get("url", "")).startswith(("http://", "https://")):
            problems.append(f"item {i.get('id')!r} has no absolute url")
        if "content_html" not in i and "content_text" not in i and "summary" not in i:
            problems.append(f"item {i.get('id')!r} has no content")
    return problems


def check(path):
    if path.endswith(".json"):
        return check_json_feed(path)
    d = feedparser.parse(path)
    problems = []
    if d.bozo:
        problems.append(f"malformed: {d.bozo_exception!r}")
    if not d.entries:
        problems.append("no items")
    for e in d.entries:
        link = e.get("link", "")
        if not link.startswith(("http://", "https://")):
            problems.append(f"item {e.get('title')!r} has no absolute link: {link!r}")
    return problems


def main(paths):
    rc = 0
    for p in paths:
        for problem in check(p):
            print(f"{p}: {problem}")
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
