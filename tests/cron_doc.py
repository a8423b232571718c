#!/usr/bin/env python3
"""Runs the crontab lines of docs/cron.md as cron would, on fixed dates
(faketime), and checks each publishes the month it says it does: "next
month" on the last days of a month too (date -d 'next month' gives March
on 29 to 31 January), "this month" on the last night of a month.

    cron_doc.py ONCOROSTER docs/cron.md
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

DEPARTMENT = """department: {name: Cron, timezone: Europe/Brussels, holidays: none}
campuses: [{id: c}]
activities: [{id: clinic, campus: c, days: weekdays, time: 08:30-12:30}]
specialists: [{id: a}, {id: b}]
"""

# (schedule comment keyword, the date and time cron runs it, the month it must publish)
CASES = [
    ("Next month, on the 20th", "2027-01-20 06:00:00", "2027-02"),
    ("Next month, on the 20th", "2027-12-20 06:00:00", "2028-01"),
    ("Every night at 02:30", "2027-01-31 02:30:00", "2027-01"),
    ("Every night at 02:30", "2027-02-28 02:30:00", "2027-02"),
    ("next month once it exists", "2027-01-29 02:45:00", "2027-02"),
    ("next month once it exists", "2027-01-31 02:45:00", "2027-02"),
    ("next month once it exists", "2027-03-31 02:45:00", "2027-04"),
    ("next month once it exists", "2027-12-31 02:45:00", "2028-01"),
]


def fail(msg):
    print(f"cron_doc: {msg}", file=sys.stderr)
    sys.exit(1)


def crontab_lines(doc):
    """The crontab entries of the first block, each with the comment above it."""
    lines, comment = [], ""
    for raw in open(doc, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("#"):
            comment = line
            continue
        m = re.match(r"^(\S+\s+){5}(\S+)\s+(.*oncoroster solve.*)$", line)
        if m:
            lines.append((comment, line, m.group(3)))
    return lines


def main():
    binary, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
    if not shutil.which("faketime"):
        fail("needs faketime (apt-get install faketime)")
    entries = crontab_lines(doc)
    if len(entries) < 3:
        fail(f"found {len(entries)} crontab lines with 'oncoroster solve' in {doc}")
    env = dict(os.environ, TZ="Europe/Brussels")
    # libfaketime is preloaded before a sanitized binary's runtime.
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0").lstrip(":")
    for keyword, when, month in CASES:
        found = [e for e in entries if keyword in e[0]]
        if len(found) != 1:
            fail(f"no single crontab line under a comment with '{keyword}'")
        comment, line, command = found[0]
        with tempfile.TemporaryDirectory() as tmp:
            work, out = os.path.join(tmp, "work"), os.path.join(tmp, "rosters")
            os.mkdir(work)
            with open(os.path.join(work, "department.yaml"), "w", encoding="utf-8") as f:
                f.write(DEPARTMENT)
            # As cron runs it: '\%' is a '%', the folders are this test's.
            cmd = (command.replace("\\%", "%").replace("/srv/oncologie", work)
                   .replace("/srv/rosters", out))
            cmd = re.sub(r"--time-limit \d+", "--time-limit 5", cmd)
            cmd = re.sub(r"(^|&& )oncoroster ", lambda m: m.group(1) + binary + " ", cmd)
            run = subprocess.run(["faketime", when, "sh", "-c", cmd], env=env,
                                 capture_output=True, text=True, timeout=300)
            if run.returncode not in (0, 1, 6):
                fail(f"{when}: {line}\n  exit {run.returncode}: {run.stderr.strip()}")
            got = sorted(d for d in os.listdir(out) if re.match(r"^\d{4}-\d{2}$", d)) \
                if os.path.isdir(out) else []
            if got != [month]:
                fail(f"{when}: {line}\n  published {got or 'nothing'}, expected [{month!r}]")
            print(f"{when}  {month}  {comment}")


main()
