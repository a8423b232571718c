#!/usr/bin/python3
"""oncoroster swap on the bundled two-campus department, checked against the
department file read with PyYAML and the publication read with json:

    swap_cases.py ONCOROSTER EXAMPLES WORKDIR

1. forbidden by skill: a session that needs a skill, given to someone who
   lacks it: exit 2, "lacks a required skill", nothing published changes;
2. forbidden by rest: a morning session given to whoever worked the night
   before (eligible by skill, campus and leave, so that rest is what stops
   it): exit 2, "resting after a night", nothing published changes;
3. one that holds: two specialists exchange a day each; exit 0, and the
   published roster differs in exactly those sessions, with history.json
   recording them as "swap" and summary.json and roster.html saying the
   roster is the published one with a swap.
"""
import json
import os
import shutil
import subprocess
import sys

import yaml


def fail(msg):
    print(f"swap_cases: {msg}", file=sys.stderr)
    sys.exit(1)


def run(args, cwd, env=None):
    r = subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                       env=dict(os.environ, **(env or {})))
    return r.returncode, r.stdout, r.stderr


def snapshot(folder):
    files = {}
    for root, _, names in os.walk(folder):
        for n in names:
            if n == ".oncoroster.lock":  # holds the PID of the last run
                continue
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, folder)] = f.read()
    return files


def main(binary, examples, work):
    binary = os.path.abspath(binary)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copy(os.path.join(examples, "vilvoorde-mechelen.yaml"), work)
    shutil.copytree(os.path.join(examples, "leave"), os.path.join(work, "leave"))
    shutil.copytree(os.path.join(examples, "requests"), os.path.join(work, "requests"))
    dept_file = "vilvoorde-mechelen.yaml"
    with open(os.path.join(work, dept_file), encoding="utf-8") as f:
        dept = yaml.safe_load(f)
    code, out, err = run([binary, "solve", dept_file, "--month", "2027-03", "--out", "rosters",
                          "--time-limit", "5", "-q"], work)
    if code > 1 and code != 6:  # 6: places the time ran out on
        fail(f"solve: exit {code}: {err}")
    month = os.path.join(work, "rosters", "2027-03")

    def summary():
        with open(os.path.join(month, "summary.json"), encoding="utf-8") as f:
            return json.load(f)

    acts = {a["id"]: a for a in dept["activities"]}
    people = {s["id"]: s for s in dept["specialists"]}
    # A week-continuous activity moves as a whole week; the cases below are
    # about single sessions, so days with one are left out.
    # (a ward is week-continuous unless it says otherwise: docs/department-file.md)
    weekly = {i for i, a in acts.items()
              if a.get("continuity", "week" if a.get("kind") == "ward" else "none") == "week"}
    assignments = summary()["assignments"]
    held_weekly = {(a["specialist"], a["date"]) for a in assignments if a["activity"] in weekly}
    days = {}
    for a in assignments:
        days.setdefault((a["specialist"], a["date"]), []).append(a)

    midday = str(dept.get("rules", {}).get("midday", "13:00")).zfill(5)
    weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def halves(act):
        start, end = acts[act]["time"].split("-")
        start, end = start.zfill(5), end[:5].zfill(5)
        overnight = end <= start
        return {h for h, on in (("am", start < midday), ("pm", overnight or end > midday)) if on}

    def dates_of(entry):
        text = str(entry.get("dates", "")) if isinstance(entry, dict) else str(entry)
        first, _, last = text.split()[0].partition("..") if text else ("", "", "")
        return first, last or first

    def eligible(who, act, date=None):
        """What the department file says of who on that date: skills,
        campus, fixed unavailability, leave and must-not pins.  A calendar
        file of leave is not read here: whoever has one is never chosen."""
        s, a = people[who], acts[act]
        if not (set(a.get("skills", [])) <= set(s.get("skills", []))
                and a["campus"] in s.get("campuses", [])):
            return False
        if date is None:
            return True
        import datetime
        wd = weekdays[datetime.date.fromisoformat(date).weekday()]
        for u in s.get("unavailable", []):
            day, _, half = str(u).partition("-")
            if day == wd and (not half or half in halves(act)):
                return False
        for entry in s.get("leave", []):
            if isinstance(entry, dict) and "file" in entry:
                return False
            first, last = dates_of(entry)
            if first[:10] <= date <= last[:10]:
                return False
        for pin in dept.get("pins", {}).get("must_not", []):
            first, last = dates_of(pin)
            if pin["specialist"] == who and pin["activity"] == act and \
                    (not first or first <= date <= last):
                return False
        return True

    def forbidden(args, words, what):
        before = snapshot(os.path.join(work, "rosters"))
        code, out, err = run([binary, "swap", dept_file] + args + ["--out", "rosters", "-q"], work)
        if code != 2 or words not in err:
            fail(f"{what}: swap {' '.join(args)}: exit {code}, expected 2 and '{words}': {err}")
        if snapshot(os.path.join(work, "rosters")) != before:
            fail(f"{what}: a refused swap changed the publication")
        print(f"{what}: swap {' '.join(args)} refused (exit 2): "
              f"{err.strip().splitlines()[-1][:150]}")

    # 1. Skill: a session that needs a skill, to someone without it who is
    # free that day.
    case = None
    for a in assignments:
        need = set(acts[a["activity"]].get("skills", []))
        for who, s in people.items():
            if need and not need <= set(s.get("skills", [])) and (who, a["date"]) not in days \
                    and (a["specialist"], a["date"]) not in held_weekly \
                    and acts[a["activity"]]["campus"] in s.get("campuses", []):
                case = [a["specialist"], a["date"], who]
                break
        if case:
            break
    if not case:
        fail("no session for the skill case")
    forbidden(case, "lacks a required skill", "skill")

    # 2. Rest: the morning after someone's night, a session they could
    # otherwise take, given to them; they work nothing else that day.
    case = None
    nights = [a for a in assignments if a["activity"] == "oncall-night"]
    for n in nights:
        nxt = (n["date"][:8] + "%02d" % (int(n["date"][8:]) + 1))
        for a in assignments:
            if (a["date"] == nxt and a["start"] < "12:00" and a["specialist"] != n["specialist"]
                    and (a["specialist"], nxt) not in held_weekly
                    and eligible(n["specialist"], a["activity"], nxt)
                    and (n["specialist"], nxt) not in days
                    and len(days[(a["specialist"], nxt)]) == 1):
                case = [a["specialist"], nxt, n["specialist"]]
                break
        if case:
            break
    if not case:
        fail("no session for the rest case")
    forbidden(case, "resting after a night", "rest")

    # 3. One that holds: two day-clinic specialists exchange a weekday each.
    tried = 0
    for (x, dx), ax in sorted(days.items()):
        for (y, dy), ay in sorted(days.items()):
            if x >= y or dx == dy or (x, dy) in days or (y, dx) in days or \
                    (x, dx) in held_weekly or (y, dy) in held_weekly:
                continue
            if not all(eligible(y, a["activity"], dx) for a in ax) or \
               not all(eligible(x, a["activity"], dy) for a in ay):
                continue
            tried += 1
            before = summary()
            code, out, err = run([binary, "swap", dept_file, x, dx, y, dy, "--out", "rosters",
                                  "-q"], work)
            if code == 2:
                continue  # another rule forbids this one (load, runs): try the next
            if code != 0:
                fail(f"swap {x} {dx} {y} {dy}: exit {code}: {err}")
            after = summary()
            key = lambda a: (a["date"], a["activity"], a["specialist"])
            gone = {key(a) for a in before["assignments"]} - {key(a) for a in after["assignments"]}
            new = {key(a) for a in after["assignments"]} - {key(a) for a in before["assignments"]}
            want_gone = {key(a) for a in ax + ay}
            want_new = {(a["date"], a["activity"], y) for a in ax} | \
                       {(a["date"], a["activity"], x) for a in ay}
            if gone != want_gone or new != want_new:
                fail(f"swap {x} {dx} {y} {dy} changed {sorted(gone)} -> {sorted(new)}")
            with open(os.path.join(month, "history.json"), encoding="utf-8") as f:
                history = json.load(f)["changes"]
            if after["status"] != "swapped":
                fail(f"summary.json says '{after['status']}' after a swap, not 'swapped'")
            with open(os.path.join(month, "roster.html"), encoding="utf-8") as f:
                if "Het gepubliceerde rooster met een ruil" not in f.read():
                    fail("roster.html does not say the roster is the published one with a swap")
            swaps = [h for h in history if h["why"] == "swap"]
            if len(swaps) != len(want_gone):
                fail(f"history.json records {len(swaps)} swapped sessions, not {len(want_gone)}")
            print(f"holds: swap {x} {dx} {y} {dy} published: exactly {len(want_gone)} sessions "
                  f"changed, recorded as swap ({tried} pairs tried)")
            # Swapped back and forth within one second (the same publication
            # time), with messages: none overwrites one not yet sent.
            stamp = {"SOURCE_DATE_EPOCH": "1800000000"}
            for args in ([y, dx, x, dy], [x, dx, y, dy]):
                code, out, err = run([binary, "swap", dept_file] + args +
                                     ["--out", "rosters", "-q", "--notify", "outbox"], work, stamp)
                if code != 0:
                    fail(f"swap {' '.join(args)} with --notify: exit {code}: {err}")
            mails = sorted(os.listdir(os.path.join(work, "outbox")))
            first = [m for m in mails if not m.endswith("-2.eml")]
            if not first or sorted(m[:-4] + "-2.eml" for m in first) != \
                    sorted(m for m in mails if m.endswith("-2.eml")):
                fail(f"two swaps in one second left {mails}: a message of the first is lost")
            import email
            from email import policy
            sender = dept["department"].get("mail_from")
            with open(os.path.join(work, "outbox", mails[0]), "rb") as f:
                msg = email.message_from_binary_file(f, policy=policy.default)
            if sender and msg["From"].addresses[0].addr_spec != sender:
                fail(f"{mails[0]} comes from {msg['From']}, the department's mail_from is {sender}")
            print(f"holds: swapped back and forth in one second: {len(mails)} messages, none lost, "
                  f"from {msg['From'].addresses[0].addr_spec}")
            return
    fail(f"no swap held among {tried} pairs tried")


if __name__ == "__main__":
    main(*sys.argv[1:4])
