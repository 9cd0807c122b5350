"""Reads an .eml with Python's `email` package (the parser mail tools are built on) and
prints what the tests compare, as JSON: the headers, and each part's type, charset,
transfer encoding and decoded text.

Usage: eml_parts.py FILE...  (one JSON object per file, one per line)
"""

import json
import sys
from email import policy
from email.parser import BytesParser


def describe(path):
    with open(path, "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    parts = []
    for part in msg.iter_parts() if msg.is_multipart() else []:
        parts.append({
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "text": part.get_content(),
        })
    return {
        "type": msg.get_content_type(),
        "subject": str(msg["Subject"]),
        "from": str(msg["From"]),
        "to": str(msg["To"]) if msg["To"] else None,
        "date": str(msg["Date"]),
        "message_id": str(msg["Message-ID"]),
        "list_unsubscribe": str(msg["List-Unsubscribe"]) if msg["List-Unsubscribe"] else None,
        "defects": [str(d) for d in msg.defects] + [str(d) for p in msg.walk() for d in p.defects],
        "parts": parts,
    }


for path in sys.argv[1:]:
    print(json.dumps(describe(path)))
