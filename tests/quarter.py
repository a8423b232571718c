#!/usr/bin/python3
"""A quarter of nightly cron runs, checked through two kinds of calendar client.

    quarter.py ONCOROSTER DEPARTMENT.yaml

Publishes March, April and May 2027 of a small department: each month on the
20th of the month before, then re-planned every few nights from that night on,
while leave is added at random (fixed seed) the way a department's file
changes. After every run, each specialist's calendar is read with
python3-icalendar by two clients:

- a subscriber, which shows what the file holds (cancelled events hidden);
- an importer, which keeps the events of every file it imported and applies
  each new import by UID and SEQUENCE (a cancellation removes the event).

Both must show exactly the specialist's sessions in summary.json: no
duplicate, no stale session. SEQUENCE must never go down for a UID, and an
event that did not change must keep its bytes.
"""
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

import icalendar


def fail(msg):
    print("quarter: " + msg, file=sys.stderr)
    sys.exit(1)


def events(path):
    with open(path, "rb") as f:
        raw = f.read()
    cal = icalendar.Calendar.from_ical(raw)
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", raw, re.S)
    out = []
    for ev, block in zip(cal.walk("VEVENT"), blocks):
        out.append({
            "uid": str(ev["UID"]),
            "seq": int(ev.get("SEQUENCE", 0)),
            "cancelled": str(ev.get("STATUS", "")) == "CANCELLED",
            "start": ev.decoded("DTSTART").astimezone(dt.timezone.utc),
            "bytes": block,
        })
    return out


def main(binary, department):
    random.seed(2027)
    zone = ZoneInfo("Europe/Brussels")
    work = tempfile.mkdtemp(prefix="oncoroster-quarter-")
    try:
        with open(department, encoding="utf-8") as f:
            text = f.read()
        dept = os.path.join(work, "department.yaml")
        out = os.path.join(work, "rosters")
        head, people = text.split("\nspecialists:\n", 1)
        specialists = re.findall(r"^  - \{id: (\w+),", people, re.M)
        leave = {s: [] for s in specialists}
        subscriber_seen = {}   # uid -> (seq, bytes) last seen in the file
        importer = {}          # (month, specialist) -> {uid: (seq, start)}
        runs = changed_total = 0
        for month in ("2027-03", "2027-04", "2027-05"):
            y, m = map(int, month.split("-"))
            first = dt.date(y, m, 1)
            nights = [first - dt.timedelta(days=9)]
            nights += [first + dt.timedelta(days=d) for d in range(0, 31, 3)
                       if (first + dt.timedelta(days=d)).month == m]
            for night in nights:
                # Someone asks for a few days off, later this month.
                for _ in range(random.randint(1, 2)):
                    who = random.choice(specialists)
                    start = night + dt.timedelta(days=random.randint(1, 12))
                    for k in range(random.randint(1, 4)):
                        day = start + dt.timedelta(days=k)
                        if day.month == m and day.isoformat() not in leave[who]:
                            leave[who].append(day.isoformat())
                body = people
                for who, days in leave.items():
                    if days:
                        body = re.sub(r"^(  - \{id: %s,.*?)\}$" % who,
                                      lambda mo: mo.group(1) + ", leave: [%s]}" % ", ".join(days),
                                      body, count=1, flags=re.M)
                body = head + "\nspecialists:\n" + body
                with open(dept, "w", encoding="utf-8") as f:
                    f.write(body)
                stamp = int(dt.datetime(night.year, night.month, night.day, 2, 30,
                                        tzinfo=zone).timestamp())
                env = dict(os.environ, SOURCE_DATE_EPOCH=str(stamp))
                r = subprocess.run([binary, "solve", dept, "--month", month, "--out", out,
                                    "--time-limit", "10", "-q",
                                    "--replan-from", max(night, first).isoformat()],
                                   env=env, capture_output=True, text=True)
                if r.returncode not in (0, 1, 6):
                    fail(f"{month} night {night}: exit {r.returncode}\n{r.stderr}")
                runs += 1
                folder = os.path.join(out, month)
                with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
                    summary = json.load(f)
                changed_total += len(summary["changes"])
                for sp in summary["specialists"]:
                    want = sorted(
                        dt.datetime.fromisoformat(f"{a['date']}T{a['start']}").replace(
                            tzinfo=zone).astimezone(dt.timezone.utc)
                        for a in summary["assignments"] if a["specialist"] == sp["id"])
                    evs = events(os.path.join(folder, sp["calendar"]))
                    shown = sorted(e["start"] for e in evs if not e["cancelled"])
                    if shown != want:
                        fail(f"{night}: the subscriber of {sp['calendar']} shows {len(shown)} "
                             f"sessions, the roster has {len(want)}")
                    store = importer.setdefault((month, sp["id"]), {})
                    for e in evs:
                        old = subscriber_seen.get(e["uid"])
                        if old and e["seq"] < old[0]:
                            fail(f"{night}: SEQUENCE of {e['uid']} went down")
                        if old and e["seq"] == old[0] and e["bytes"] != old[1]:
                            fail(f"{night}: {e['uid']} changed without a new SEQUENCE")
                        subscriber_seen[e["uid"]] = (e["seq"], e["bytes"])
                        held = store.get(e["uid"])
                        if held and e["seq"] < held[0]:
                            continue
                        if e["cancelled"]:
                            store.pop(e["uid"], None)
                        else:
                            store[e["uid"]] = (e["seq"], e["start"])
                    kept = sorted(start for _, start in store.values())
                    if kept != want:
                        fail(f"{night}: the importer of {sp['calendar']} holds {len(kept)} "
                             f"sessions, the roster has {len(want)} (a duplicate or a stale "
                             "session)")
        print(f"quarter: {runs} runs over March-May 2027, {changed_total} sessions re-planned; "
              "subscribers and importers always showed exactly the roster")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail("usage: quarter.py ONCOROSTER DEPARTMENT.yaml")
    main(sys.argv[1], sys.argv[2])
