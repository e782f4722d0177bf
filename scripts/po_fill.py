#!/usr/bin/env python3
"""Fill empty msgstr entries of .po files from a Python dict file.

Usage: scripts/po_fill.py APP_DIR TRANSLATIONS.py
TRANSLATIONS.py defines T = {"English msgid": ("French", "Dutch"), ...}. Existing translations are
kept; fuzzy flags on filled entries are dropped. Then run scripts/messages.sh APP_DIR to compile.
"""

import re
import runpy
import sys
from pathlib import Path


def unquote(lines):
    return "".join(
        bytes(line.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode()
        for line in lines
    )


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(po_path: Path, table: dict, index: int) -> int:
    entries = po_path.read_text(encoding="utf-8").split("\n\n")
    filled = 0
    for i, entry in enumerate(entries):
        lines = entry.split("\n")
        try:
            start = next(n for n, line in enumerate(lines) if line.startswith("msgid "))
            stop = next(n for n, line in enumerate(lines) if line.startswith("msgstr"))
        except StopIteration:
            continue
        if any(line.startswith("msgid_plural") for line in lines):
            continue
        msgid = unquote([lines[start][6:], *lines[start + 1 : stop]])
        if not msgid or msgid not in table:
            continue
        current = unquote([lines[stop][7:], *lines[stop + 1 :]])
        if current and not any(line.startswith("#, fuzzy") for line in lines):
            continue
        value = table[msgid][index]
        if value is None:
            continue
        lines = [line for line in lines[:stop] if not re.match(r"#, fuzzy", line)]
        lines.append("msgstr " + quote(value))
        entries[i] = "\n".join(lines)
        filled += 1
    po_path.write_text("\n\n".join(entries), encoding="utf-8")
    return filled


if __name__ == "__main__":
    app, table_file = Path(sys.argv[1]), sys.argv[2]
    table = runpy.run_path(table_file)["T"]
    for index, lang in enumerate(["fr", "nl"]):
        po = app / "locale" / lang / "LC_MESSAGES" / "django.po"
        print(f"{po}: {fill(po, table, index)} filled")
