#!/usr/bin/env python3
"""Puts one benchmark's section into deploy/bench/RESULTS.md, replacing that section if it is there.

usage: write-section.py <RESULTS.md> <section text starting with "## <name>">
Each script owns exactly one "## <name>" section; the others are left as they are.
"""
import re
import sys

path, section = sys.argv[1], sys.argv[2]
name = section.splitlines()[0]
if not name.startswith("## "):
    sys.exit("write-section.py: the section must start with a '## <name>' heading")
try:
    text = open(path).read()
except FileNotFoundError:
    text = ("# Benchmark results\n\nEach section is rewritten by the script named in it; "
            "figures are from one run on the machine described.\n")
pattern = re.compile("^" + re.escape(name) + r"\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n\n", text)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
