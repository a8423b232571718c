#!/usr/bin/env python3
"""Every sentence oncoroster says in three languages has the same printf
conversions in each: a translation that drops, adds or swaps one prints
garbage, or reads the wrong argument, in that language only.

    phrases.py SOURCE_DIR

Reads the C sources under scheduler/, solver/ and output/ and checks each
OR_PHRASE(en, nl, fr) and each initializer of three strings ({en, nl, fr},
the tables of or_phrase and of output/words.c).  Exits non-zero naming the
file and line of the first that differs.
"""
import glob
import os
import re
import sys

STRING = r'"(?:[^"\\]|\\.)*"'
STRINGS = rf'((?:{STRING}\s*)+)'
TRIPLE = re.compile(rf'(OR_PHRASE\s*\(|\{{)\s*{STRINGS},\s*{STRINGS},\s*{STRINGS}\s*(\)|\}})', re.S)
CONVERSION = re.compile(r'%(?:%|[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp])')


def text(literals):
    return "".join(re.findall(STRING, literals))


def conversions(s):
    return [c for c in CONVERSION.findall(s) if c != "%%"]


def main():
    root = sys.argv[1]
    checked = 0
    for path in sorted(glob.glob(os.path.join(root, "*", "**", "*.c"), recursive=True)):
        if not any(f"{os.sep}{d}{os.sep}" in path for d in ("scheduler", "solver", "output")):
            continue
        with open(path, encoding="utf-8") as f:
            source = f.read()
        for m in TRIPLE.finditer(source):
            if (m.group(1) == "{") != (m.group(5) == "}"):
                continue
            en, nl, fr = (text(m.group(k)) for k in (2, 3, 4))
            line = source.count("\n", 0, m.start()) + 1
            for lang, s in (("nl", nl), ("fr", fr)):
                if conversions(s) != conversions(en):
                    print(f"{path}:{line}: the {lang} form has {conversions(s)}, the English "
                          f"{conversions(en)}: {en}", file=sys.stderr)
                    sys.exit(1)
            checked += 1
    if checked < 50:
        print(f"phrases.py: found only {checked} sentences in {root}; is it the source tree?",
              file=sys.stderr)
        sys.exit(1)
    print(f"{checked} sentences in three languages, each with the same conversions")


main()
