#!/usr/bin/python3
"""Reads a publication back with other software than the one that wrote it.

    read_back.py MONTH_FOLDER [MONTH_FOLDER...] [--feeds OUT BEFORE]
                 [--history REPLANNED_MONTH RERUN_MONTH] [--notify MONTH_FOLDER MAIL_DIR]

For each folder (as `oncoroster solve --out` writes it):
- summary.json with Python's json module; roster.csv with its csv module
  (RFC 4180), and the CSV rows must be the summary's assignments;
- roster.html with html.parser: well formed enough to parse, self-contained;
- every .ics with Debian's python3-icalendar: each event's start, taken to
  UTC by the library, must be the assignment's local date and time in the
  department's zone taken to UTC by Python's zoneinfo (so wall-clock times
  are right on both sides of a DST change);
- the specialists' calendars imported into khal, and the department calendar
  into calcurse, whose listings must show the same sessions.

- each request of summary.json against the specialist's requests
  calendar (kinds and half-days derived here), and its answer against the
  roster's assignments.

With --feeds, the feeds under OUT/feeds/ (OUT as `--out` names it) against
the month folders in OUT and against BEFORE, a copy of the feeds made before
the last publication (a re-plan):
- each feed, read by python3-icalendar, holds every event of that calendar
  in every month folder, each UID once, nothing else;
- from BEFORE to now, SEQUENCE rises for exactly the events whose content
  changed, and an event that left a feed is there once, CANCELLED;
- khal imports a specialist's feed from BEFORE and then the new one into
  one calendar: it updates the events instead of adding them twice, and
  lists what the months' own calendars list.

With --history, history.json of a re-planned month (its last entries are
the re-plan's changes, with names and why) and of a copy re-published with
nothing new (the same entries, none added, none lost).

With --notify, the messages a re-plan wrote with --notify MAIL_DIR, read by
Python's email package, their invitations by python3-icalendar.

Exits non-zero with a message on the first difference.
"""
import csv
import datetime as dt
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from zoneinfo import ZoneInfo

import icalendar


def fail(msg):
    print("read_back: " + msg, file=sys.stderr)
    sys.exit(1)


# What a person reads, per language of the department (summary.json's
# "language"), as the suite expects it independently of output/words.c.
LANG = {
    "en": {"result": {"optimal": "The best roster the rules allow (proven).",
                      "time limit": "The best roster found within the time limit",
                      "gap reached": "The best roster found within the requested gap",
                      "optimiser failed": "A roster built without the optimiser",
                      "swapped": "The published roster with a swap"},
           "points": "penalty points",
           "csv": ["Date", "Start", "End", "Campus", "Activity", "Specialist", "Unfilled"],
           "staff": "Staff: ", "campus": "Campus: ", "months": "March"},
    "nl": {"result": {"optimal": "Het beste rooster dat de regels toelaten (bewezen).",
                      "time limit": "Het beste rooster gevonden binnen de tijdslimiet",
                      "gap reached": "Het beste rooster gevonden binnen de gevraagde marge",
                      "optimiser failed": "Een rooster gemaakt zonder de optimalisatie",
                      "swapped": "Het gepubliceerde rooster met een ruil"},
           "points": "strafpunten",
           "csv": ["Datum", "Begin", "Einde", "Campus", "Activiteit", "Specialist",
                   "Niet ingevuld"],
           "staff": "Bezetting: ", "campus": "Campus: ", "months": "maart"},
    "fr": {"result": {"optimal": "Le meilleur planning que les règles permettent (prouvé).",
                      "time limit": "Le meilleur planning trouvé dans le temps imparti",
                      "gap reached": "Le meilleur planning trouvé dans l'écart demandé",
                      "optimiser failed": "Un planning construit sans l'optimiseur",
                      "swapped": "La planification publiée avec un échange"},
           "points": "points de pénalité",
           "csv": ["Date", "Début", "Fin", "Site", "Activité", "Spécialiste", "Non pourvu"],
           "staff": "Équipe : ", "campus": "Site : ", "months": "mars"},
}
# The golden files predate the key and are English.
def words(summary):
    return LANG[summary.get("language", "en")]


def local_to_utc(zone, date, clock):
    y, m, d = map(int, date.split("-"))
    hh, mm = map(int, clock.split(":"))
    return dt.datetime(y, m, d, hh, mm, tzinfo=zone).astimezone(dt.timezone.utc)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.external = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and "://" in value:
                self.external.append(value)
        if tag == "link":
            self.external.append("link")
        if tag not in ("br", "meta", "link", "img", "hr", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            fail(f"roster.html: </{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        self.stack.pop()


class Elements(html.parser.HTMLParser):
    """Every element's tag and attributes, in order, and the text inside
    each element that has an id."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def parse(text):
    e = Elements()
    e.feed(text)
    e.close()
    return e.elements


def check_views(folder, summary, text):
    """The views of roster.html: every link inside the page lands, a row
    per day in the week view, an entry per unfilled place, a change mark per
    changed session, and a page per specialist with their sessions."""
    elements = parse(text)
    ids = {a["id"] for _, a in elements if "id" in a}
    for tag, a in elements:
        href = a.get("href", "")
        if href.startswith("#") and href[1:] not in ids:
            fail(f"{folder}: roster.html links to #{href[1:]}, which it does not have")
    for part in ("weeks", "totals", "today"):
        if part not in ids:
            fail(f"{folder}: roster.html has no '{part}' view")
    # Every printed part says whose roster and when.
    for part in ("totals", "unfilled"):
        m = re.search(rf'<section class="{part}" id="{part}">(.*?)</section>', text, re.S)
        if m and 'class="print meta"' not in m.group(1):
            fail(f"{folder}: the {part} part of roster.html prints without its heading")
    weeks = re.search(r'<section class="weeks" id="weeks">(.*?)</section>', text, re.S)
    if not weeks or 'class="print meta"' not in weeks.group(1) or \
            'class="legend print"' not in weeks.group(1):
        fail(f"{folder}: the week view prints without its heading or legend")
    first = dt.date.fromisoformat(summary["from"])
    last = dt.date.fromisoformat(summary["to"])
    days = [a["data-day"] for _, a in elements if "data-day" in a]
    want = [str(first + dt.timedelta(n)) for n in range((last - first).days + 1)]
    if days != want:
        fail(f"{folder}: the week view has rows for {days[:3]}..., not each day of the month")
    places = {a["id"] for _, a in elements if a.get("id", "").startswith("open-")}
    if len(places) != len(summary["shortfall"]):
        fail(f"{folder}: roster.html lists {len(places)} unfilled places, "
             f"summary.json {len(summary['shortfall'])}")
    red = [a for t, a in elements if t == "td" and "short" in a.get("class", "").split()]
    if len(red) != len(summary["shortfall"]):
        fail(f"{folder}: {len(red)} red cells for {len(summary['shortfall'])} unfilled places")
    # A grid cell per session any publication changed carries the mark
    # (history.json; this run's changes alone without it); nothing else does.
    grid = text[:text.index('id="weeks"')]
    marked = [a for t, a in parse(grid) if t == "td" and "changed" in a.get("class", "").split()]
    history_path = os.path.join(folder, "history.json")
    if os.path.exists(history_path):
        with open(history_path, encoding="utf-8") as f:
            history = json.load(f)
        want = len({(c["date"], c["activity"]) for c in history["changes"]})
        if history["changes"] and text.count("<tr><td>") < len(history["changes"]):
            fail(f"{folder}: roster.html does not list every change of history.json")
    else:
        want = len(summary["changes"])
    if len(marked) != want:
        fail(f"{folder}: {len(marked)} cells marked changed, the publications changed {want}")
    # Each specialist's page: linked from the totals, back to the overview
    # and to their calendar, a row per session they hold.
    for sp in summary["specialists"]:
        page = sp["calendar"][:-4] + ".html"
        if not any(a.get("href") == page for _, a in elements):
            fail(f"{folder}: roster.html does not link to {page}")
        with open(os.path.join(folder, page), encoding="utf-8") as f:
            mine = f.read()
        Page().feed(mine)
        links = {a.get("href") for _, a in parse(mine)}
        if "../roster.html" not in links or os.path.basename(sp["calendar"]) not in links:
            fail(f"{folder}: {page} does not link to the overview and the calendar")
        table = re.search(r'<table class="list sessions">.*?</table>', mine, re.S)
        rows = re.findall(r"<tr[^>]*><td>(\d{4}-\d\d-\d\d) ", table.group(0) if table else "")
        held = sorted(a["date"] for a in summary["assignments"] if a["specialist"] == sp["id"])
        if sorted(rows) != held:
            fail(f"{folder}: {page} lists {len(rows)} sessions, summary.json {len(held)}")
        if html.escape(sp["name"]) not in mine:
            fail(f"{folder}: {page} does not name {sp['name']}")


def check_data(folder, summary):
    with open(os.path.join(folder, "roster.csv"), newline="", encoding="utf-8") as f:
        raw = f.read()
    if raw and not raw.endswith("\r\n"):
        fail("roster.csv: rows must end in CRLF")
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    got = sorted((r["date"], r["start"], r["end"], r["campus_id"], r["activity_id"],
                  r["specialist_id"]) for r in rows)
    want = sorted((a["date"], a["start"], a["end"], a["campus"], a["activity"],
                   a["specialist"]) for a in summary["assignments"])
    if got != want:
        fail(f"{folder}: roster.csv and summary.json disagree ({len(got)} / {len(want)} rows)")
    # The spreadsheet variant, as Excel in a Belgian locale reads it: a
    # byte-order mark, ';', the same assignments by name, and a row per
    # unfilled place with how many are missing.
    excel = os.path.join(folder, "roster-excel.csv")
    if os.path.exists(excel) or "golden" not in folder:
        with open(excel, "rb") as f:
            data = f.read()
        if not data.startswith(b"\xef\xbb\xbf"):
            fail(f"{folder}: roster-excel.csv has no byte-order mark")
        table = list(csv.reader(data[3:].decode("utf-8").splitlines(keepends=True),
                                delimiter=";"))
        if not table or table[0] != words(summary)["csv"]:
            fail(f"{folder}: roster-excel.csv columns {table[0] if table else None}")
        # By position: the headers are in the department's language.
        keys = ["Date", "Start", "End", "Campus", "Activity", "Specialist", "Unfilled"]
        rows = [dict(zip(keys, r)) for r in table[1:]]
        names = {sp["id"]: sp["name"] for sp in summary["specialists"]}
        campus = {c["id"]: c["name"] for c in summary["campuses"]}
        got = sorted((r["Date"], r["Start"], r["Campus"], r["Specialist"]) for r in rows
                     if not r["Unfilled"])
        want = sorted((a["date"], a["start"], campus[a["campus"]], names[a["specialist"]])
                      for a in summary["assignments"])
        if got != want:
            fail(f"{folder}: roster-excel.csv and summary.json disagree "
                 f"({len(got)} / {len(want)} assignments)")
        unfilled = sorted((r["Date"], r["Start"], int(r["Unfilled"])) for r in rows
                          if r["Unfilled"])
        if any(not isinstance(p.get("time_ran_out"), bool) for p in summary["shortfall"]):
            fail(f"{folder}: an unfilled place in summary.json does not say time_ran_out")
        short = sorted((p["date"], p["start"], p["missing"]) for p in summary["shortfall"])
        if unfilled != short:
            fail(f"{folder}: roster-excel.csv lists {unfilled} unfilled, summary.json {short}")
    page = Page()
    with open(os.path.join(folder, "roster.html"), encoding="utf-8") as f:
        html_text = f.read()
    page.feed(html_text)
    page.close()
    # The result in words, as summary.json's status says it.
    result = re.search(r'<p class="meta result">(.*?)</p>', html_text, re.S)
    said = words(summary)
    if not result or not result.group(1).startswith(said["result"].get(summary["status"], "?")):
        fail(f"{folder}: roster.html does not say the result in words for '{summary['status']}'")
    if said["points"] not in result.group(1):
        fail(f"{folder}: roster.html does not give the penalty points")
    if f'<html lang="{summary.get("language", "en")}">' not in html_text:
        fail(f"{folder}: roster.html does not say its language")
    check_views(folder, summary, html_text)
    # Printed, each campus is a page that says whose roster, when, and who
    # the codes are.
    campuses = re.findall(r'<section class="campus[^"]*"[^>]*>(.*?)</section>', html_text, re.S)
    if not campuses:
        fail(f"{folder}: roster.html has no campus section")
    for body in campuses:
        if 'class="print meta"' not in body or 'class="legend print"' not in body:
            fail(f"{folder}: a campus page of roster.html prints without its heading or legend")
        if summary["department"] and html.escape(summary["department"]) not in body:
            fail(f"{folder}: a campus page of roster.html does not name the department")
    if page.stack:
        fail(f"roster.html: unclosed <{page.stack[-1]}>")
    if page.external:
        fail(f"roster.html: refers to external assets {page.external[:3]}")
    for key in ("status", "objective", "bound", "gap", "seconds", "soft", "shortfall",
                "specialists", "assignments"):
        if key not in summary:
            fail(f"summary.json: no '{key}'")
    # Everyone is accounted for at each unfilled place: on it, stopped by a
    # rule (why_not), or not eligible, grouped by reason and named.
    ids = {sp["id"] for sp in summary["specialists"]}
    for place in summary["shortfall"]:
        named = [i for g in place.get("not_eligible_why", []) for i in g["specialists"]]
        if len(named) != place["not_eligible"] or not set(named) <= ids:
            fail(f"summary.json: {place['date']} {place['activity']}: not_eligible "
                 f"{place['not_eligible']} but {len(named)} named in not_eligible_why")
        if any(not g["reason"] for g in place.get("not_eligible_why", [])):
            fail(f"summary.json: {place['date']} {place['activity']}: a group without reason")
        rules = {"leave", "part-time", "pin", "week-block", "busy", "rest", "week-max",
                 "month-max", "days-in-a-row", "split", "weekends", "kept", "none"}
        if not isinstance(place.get("why_not_more"), int) or place["why_not_more"] < 0:
            fail(f"summary.json: {place['date']} {place['activity']}: no why_not_more")
        if len(place["why_not"]) > 50:
            fail(f"summary.json: {place['date']} {place['activity']}: more than 50 in why_not")
        for w in place.get("why_not", []):
            if w.get("rule") not in rules or not w.get("reason"):
                fail(f"summary.json: {place['date']} {place['activity']}: {w} has no rule "
                     f"or no reason")


def check_calendars(folder, summary, zone):
    by_specialist = defaultdict(list)
    for a in summary["assignments"]:
        by_specialist[a["specialist"]].append(local_to_utc(zone, a["date"], a["start"]))
    total = 0
    for sp in summary["specialists"]:
        path = os.path.join(folder, sp["calendar"])
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        uids, starts = set(), []
        for ev in cal.walk("VEVENT"):
            if str(ev.get("STATUS", "")) == "CANCELLED":
                continue  # a session that left this calendar, published once
            uid = str(ev["UID"])
            if uid in uids:
                fail(f"{path}: UID {uid} twice")
            uids.add(uid)
            start = ev.decoded("DTSTART")
            if start.tzinfo is None:
                fail(f"{path}: event {uid} has a floating start")
            starts.append(start.astimezone(dt.timezone.utc))
        if sorted(starts) != sorted(by_specialist[sp["id"]]):
            fail(f"{path}: events differ from the assignments of {sp['id']} in summary.json")
        total += len(starts)
    for name in [os.path.join("campuses", n) for n in
                 sorted(os.listdir(os.path.join(folder, "campuses")))] + ["department.ics"]:
        with open(os.path.join(folder, name), "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        if str(cal.get("X-WR-CALNAME", "")) == "":
            fail(f"{name}: no X-WR-CALNAME")
        # In the department's language: the month in the calendar's
        # description, "Campus: " / "Site : " and the staff in each event's.
        said = words(summary)
        month = said["months"] if summary["from"][5:7] == "03" else None
        if month and month not in str(cal.get("DESCRIPTION", "")):
            fail(f"{name}: the description does not name the month in '{summary.get('language')}'")
        for ev in cal.walk("VEVENT"):
            text = str(ev.get("DESCRIPTION", ""))
            if str(ev.get("STATUS", "")) != "CANCELLED" and (said["campus"] not in text or
                                                             said["staff"] not in text):
                fail(f"{name}: an event's description is not in '{summary.get('language')}':"
                     f" {text[:80]!r}")
    return total


# The words that make an event a request (SPEC: requests calendars), as a
# category or as the first words of its title; the suite's own list.
REQUEST_WORDS = {"off": "off", "day off": "off", "vrij": "off", "vrije dag": "off",
                 "congé": "off", "conge": "off", "prefer": "prefer", "voorkeur": "prefer",
                 "préférence": "prefer", "preference": "prefer", "avoid": "avoid",
                 "liever niet": "avoid", "éviter": "avoid", "eviter": "avoid"}
MIDDAY = "13:00"  # the examples keep the default midday


def request_kind(event):
    """The kind of a request event: its category, else its title's first
    one to three words (up to a colon or a dash); None when neither."""
    cats = event.get("CATEGORIES")
    for c in (cats if isinstance(cats, list) else [cats] if cats else []):
        for word in c.cats:
            if str(word).strip().lower() in REQUEST_WORDS:
                return REQUEST_WORDS[str(word).strip().lower()]
    title = re.split(r"[:-]", str(event.get("SUMMARY", "")).strip())[0].split()
    for n in range(min(3, len(title)), 0, -1):
        kind = REQUEST_WORDS.get(" ".join(title[:n]).lower())
        if kind:
            return kind
    return None


def request_halves(event, zone, first, last):
    """The local (date, half) pairs an event touches within [first, last]."""
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    out = set()
    if not isinstance(start, dt.datetime):
        day = start
        while day < end:
            out |= {(day.isoformat(), "am"), (day.isoformat(), "pm")}
            day += dt.timedelta(days=1)
    else:
        start, end = start.astimezone(zone), end.astimezone(zone)
        h, m = map(int, MIDDAY.split(":"))
        day = start.date()
        while dt.datetime.combine(day, dt.time(), zone) < end:
            lo = dt.datetime.combine(day, dt.time(), zone)
            noon = dt.datetime.combine(day, dt.time(h, m), zone)
            hi = lo + dt.timedelta(days=1)
            if start < noon and end > lo:
                out.add((day.isoformat(), "am"))
            if start < hi and end > noon:
                out.add((day.isoformat(), "pm"))
            day += dt.timedelta(days=1)
    return {p for p in out if first <= p[0] <= last}


def summary_halves(r):
    """The (date, half) pairs a request of summary.json says it covers."""
    first, last = dt.date.fromisoformat(r["from"]), dt.date.fromisoformat(r["to"])
    out, day = set(), first
    while day <= last:
        halves = ["am", "pm"]
        if day == first and r["from_half"] != "day":
            halves = [h for h in halves if h == r["from_half"]]
        if day == last and r["to_half"] != "day":
            halves = [h for h in halves if h == r["to_half"]]
        out |= {(day.isoformat(), h) for h in halves}
        day += dt.timedelta(days=1)
    return out


def check_requests(folder, summary, zone):
    """Every request of summary.json against the specialist's requests
    calendar read by python3-icalendar (kinds and half-days derived here),
    and its answer against the roster's assignments: a day off or an
    avoidance is granted when none of their sessions falls in it (of the
    activity or campus named), a preference when one does."""
    requests = summary.get("requests")
    if requests is None:
        fail(f"{folder}: summary.json has no requests")
    by_file = defaultdict(list)
    for r in requests:
        by_file[(r["source"].rsplit(":", 1)[0], r["specialist"])].append(r)
    for (path, who), mine in by_file.items():
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        want = []
        for ev in cal.walk("VEVENT"):
            if str(ev.get("STATUS", "")).upper() == "CANCELLED" or "RRULE" in ev:
                continue
            kind = request_kind(ev)
            halves = request_halves(ev, zone, summary["from"], summary["to"])
            if kind and halves:
                want.append((kind, sorted(halves)))
        got = [(r["kind"], sorted(summary_halves(r))) for r in mine]
        if sorted(want) != sorted(got):
            fail(f"{folder}: {who}'s requests in summary.json are not those of {path}:\n"
                 f"  calendar: {sorted(want)}\n  summary:  {sorted(got)}")
    def local(date, clock):
        return dt.datetime.combine(dt.date.fromisoformat(date), dt.time.fromisoformat(clock), zone)

    for r in requests:
        halves = summary_halves(r)
        # A day off: every session that overlaps it by the clock, as leave.
        off_from = local(r["from"], "00:00" if r["from_half"] != "pm" else MIDDAY)
        off_to = (local(r["to"], "00:00") + dt.timedelta(days=1) if r["to_half"] != "am"
                  else local(r["to"], MIDDAY))
        hits = []
        for a in summary["assignments"]:
            if a["specialist"] != r["specialist"]:
                continue
            if r["activity"] and a["activity"] != r["activity"]:
                continue
            if r["campus"] and a["campus"] != r["campus"]:
                continue
            overnight = a["end"] <= a["start"]
            if r["kind"] == "off":
                begin = local(a["date"], a["start"])
                end = local(a["date"], a["end"]) + dt.timedelta(days=1 if overnight else 0)
                if begin < off_to and end > off_from:
                    hits.append(a)
                continue
            mine = {h for h, on in (("am", a["start"] < MIDDAY),
                                    ("pm", overnight or a["end"] > MIDDAY)) if on}
            if any((a["date"], h) in halves for h in mine):
                hits.append(a)
        granted = bool(hits) if r["kind"] == "prefer" else not hits
        if r["granted"] != granted:
            fail(f"{folder}: {r['specialist']}'s request {r['kind']} {r['from']}..{r['to']} "
                 f"says granted={r['granted']}, the roster gives {len(hits)} such sessions")
        if not granted and not r["why"]:
            fail(f"{folder}: a request not granted says not why: {r}")
        if r["kind"] != "prefer" and not granted:
            s = r.get("session") or {}
            if not any(a["date"] == s.get("date") and a["start"] == s.get("start") and
                       a["activity"] == s.get("activity") for a in hits):
                fail(f"{folder}: the session named for a refused request is not one it "
                     f"concerns: {r}")
        if r["hard"] and not granted:
            fail(f"{folder}: a hard day off is worked: {r}")
    return len(requests), sum(1 for r in requests if r["granted"])


def occurrences_by_day(summary, zone):
    """Start times (local HH:MM) of every occurrence, per local date."""
    seen = {}
    for a in summary["assignments"] + summary["shortfall"]:
        seen[(a["date"], a["activity"])] = a["start"]
    days = defaultdict(list)
    for (date, _), start in seen.items():
        days[date].append(start)
    return days


def check_calcurse(folder, summary):
    env = dict(os.environ, TZ=summary["time_zone"])
    with tempfile.TemporaryDirectory() as home:
        r = subprocess.run(["calcurse", "-D", home, "-i",
                            os.path.join(folder, "department.ics")],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0 or " 0 skipped" not in r.stdout:
            fail(f"calcurse could not import department.ics: {r.stdout}{r.stderr}")
        days = occurrences_by_day(summary, None)
        for date in sorted(days):
            y, m, d = date.split("-")
            r = subprocess.run(["calcurse", "-D", home, "-Q", "--from", f"{m}/{d}/{y}",
                                "--days", "1"], env=env, capture_output=True, text=True)
            got = sorted(re.findall(r"^ - (\d\d:\d\d) -> ", r.stdout, re.M))
            if got != sorted(days[date]):
                fail(f"calcurse shows {got} on {date}, the roster has {sorted(days[date])}")
    return len(days)


def check_khal(folder, summary):
    zone = summary["time_zone"]
    with tempfile.TemporaryDirectory() as home:
        config = khal_config(home, zone)
        checked = 0
        for sp in summary["specialists"][:3]:
            for old in os.listdir(os.path.join(home, "cal")):
                os.unlink(os.path.join(home, "cal", old))
            r = subprocess.run(["khal", "-c", config, "import", "--batch", "-a", "roster",
                                os.path.join(folder, sp["calendar"])],
                               capture_output=True, text=True)
            if r.returncode != 0:
                fail(f"khal could not import {sp['calendar']}: {r.stderr}")
            r = subprocess.run(["khal", "-c", config, "list", "--format",
                                "{status}{start-date} {start-time}", "--day-format", "",
                                summary["from"], summary["to"] + " 23:59"],
                               capture_output=True, text=True)
            # khal lists a night again on the day it ends, with the same start;
            # a session a re-plan took away is there once more, cancelled.
            got = sorted({line for line in r.stdout.splitlines()
                          if line.strip() and not line.startswith("CANCELLED")})
            got = sorted({line.removeprefix("CONFIRMED ") for line in got})
            want = sorted({f"{a['date']} {a['start']}" for a in summary["assignments"]
                           if a["specialist"] == sp["id"]})
            if got != want:
                fail(f"khal lists {sp['calendar']} as {got[:4]}..., the roster {want[:4]}...")
            checked += len(want)
    return checked


def check_history(folder, summary):
    """history.json, read with the json module: this publication's changes
    (summary.json) are its last entries, with the names of who before and
    who now; BEFORE_RERUN (a copy of the folder re-published with nothing
    new) keeps every entry."""
    with open(os.path.join(folder, "history.json"), encoding="utf-8") as f:
        history = json.load(f)
    if history.get("oncoroster") != "history" or history.get("month") != summary["from"][:7]:
        fail(f"{folder}: history.json is not this month's history")
    names = {s["id"]: s["name"] for s in summary["specialists"]}
    last = history["changes"][-len(summary["changes"]):] if summary["changes"] else []
    for c, h in zip(summary["changes"], last):
        want = (c["date"], c["activity"], ", ".join(names[i] for i in c["before"]),
                ", ".join(names[i] for i in c["after"]))
        got = (h["date"], h["activity"], h["before"], h["now"])
        if got != want:
            fail(f"{folder}: history.json has {got}, summary.json's change is {want}")
        if h["why"] not in ("leave", "pin", "unavailable", "re-plan", "swap"):
            fail(f"{folder}: history.json gives '{h['why']}' as why")
    return history


def check_notices(folder, mail_dir):
    """The messages of a re-plan, read with Python's email package: one per
    specialist whose sessions changed (summary.json's changes), to their
    address, each change of theirs in the text, and the invitations, read
    by python3-icalendar: METHOD:REQUEST for the sessions they now hold,
    METHOD:CANCEL for those taken from them, each the event of their
    published calendar with its UID and SEQUENCE."""
    import email
    from email import policy
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    people = {s["id"]: s for s in summary["specialists"]}
    concerned = defaultdict(list)
    for c in summary["changes"]:
        for who in set(c["before"]) | set(c["after"]):
            concerned[who].append(c)
    files = sorted(n for n in os.listdir(mail_dir) if n.endswith(".eml"))
    if len(files) != len(concerned):
        fail(f"{mail_dir}: {len(files)} messages for {len(concerned)} people concerned")
    for who, changes in concerned.items():
        sp = people[who]
        slug = sp["calendar"].split("/")[-1][:-4]
        name = next((n for n in files if n.startswith(summary["from"][:7] + "-" + slug + "-")),
                    None)
        if not name:
            fail(f"{mail_dir}: no message for {sp['name']}")
        with open(os.path.join(mail_dir, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=policy.default)
        if msg["To"].addresses[0].display_name != sp["name"] or "@" not in str(msg["To"]):
            fail(f"{name}: To is {msg['To']}")
        raw = msg.get_body(("plain",)).get_payload(decode=True)
        if b"\n" in raw.replace(b"\r\n", b""):
            fail(f"{name}: the text has line ends that are not CRLF")
        text = msg.get_body(("plain",)).get_content()
        for c in changes:
            day = int(c["date"][8:])
            if f" {day} " not in text or c["start"] not in text:
                fail(f"{name}: the change of {c['date']} {c['start']} is not in the text")
        month = read_events(os.path.join(folder, sp["calendar"]))
        invited = 0
        for part in msg.walk():
            if part.get_content_type() != "text/calendar":
                continue
            method = part.get_param("method")
            cal = icalendar.Calendar.from_ical(part.get_content())
            if str(cal["METHOD"]) != method:
                fail(f"{name}: a {method} part says METHOD:{cal['METHOD']}")
            for ev in cal.walk("VEVENT"):
                uid = str(ev["UID"])
                if uid not in month:
                    fail(f"{name}: {uid} is not in {sp['calendar']}")
                seq, status, _ = month[uid]
                if int(ev.get("SEQUENCE", 0)) != seq:
                    fail(f"{name}: {uid} has SEQUENCE {ev.get('SEQUENCE')}, the calendar {seq}")
                if (method == "CANCEL") != (status == "CANCELLED"):
                    fail(f"{name}: {uid} is sent as {method}, the calendar has it {status}")
                if not str(ev.get("ATTENDEE", "")).startswith("mailto:") or "ORGANIZER" not in ev:
                    fail(f"{name}: {uid} has no ORGANIZER or ATTENDEE")
                invited += 1
        if invited != len(changes):
            fail(f"{name}: {invited} invitations for {len(changes)} changes")
    print(f"{mail_dir}: {len(files)} messages read by the email package, one per specialist "
          f"concerned, their invitations read by python3-icalendar")


def read_events(path):
    """UID -> (SEQUENCE, STATUS, the event's text without its stamps)."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        if uid in events:
            fail(f"{path}: UID {uid} twice")
        content = sorted((k, ev[k].to_ical() if hasattr(ev[k], "to_ical") else str(ev[k]))
                         for k in ev if k not in ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE"))
        events[uid] = (int(ev.get("SEQUENCE", 0)), str(ev.get("STATUS", "")), repr(content))
    return events


def feed_files(root):
    names = ["department.ics"]
    for sub in ("specialists", "campuses"):
        names += [f"{sub}/{n}" for n in sorted(os.listdir(os.path.join(root, sub)))
                  if n.endswith(".ics")]
    return names


def khal_config(home, zone):
    os.mkdir(os.path.join(home, "cal"))
    config = os.path.join(home, "config")
    with open(config, "w") as f:
        f.write(f"""[calendars]
[[roster]]
path = {home}/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}
[sqlite]
path = {home}/khal.db
""")
    return config


def check_feeds(out, before):
    feeds = os.path.join(out, "feeds")
    months = sorted(n for n in os.listdir(out) if re.fullmatch(r"\d{4}-\d\d", n))
    if len(months) < 2:
        fail(f"{out}: the feeds test needs two published months, found {months}")
    names = feed_files(feeds)
    changed = cancelled = 0
    for name in names:
        now = read_events(os.path.join(feeds, name))
        union = {}
        for m in months:
            path = os.path.join(out, m, name)
            if os.path.exists(path):
                union.update(read_events(path))
        if now != union:
            fail(f"feeds/{name}: its events are not those of {name} in {', '.join(months)}")
        old_path = os.path.join(before, name)
        old = read_events(old_path) if os.path.exists(old_path) else {}
        for uid, (seq, status, content) in now.items():
            if uid not in old:
                continue
            old_seq, old_status, old_content = old[uid]
            if content == old_content and seq != old_seq:
                fail(f"feeds/{name}: {uid} did not change, yet SEQUENCE {old_seq} -> {seq}")
            if content != old_content and seq <= old_seq:
                fail(f"feeds/{name}: {uid} changed, yet SEQUENCE stayed {seq}")
            changed += content != old_content
            if status == "CANCELLED" and old_status != "CANCELLED":
                cancelled += 1
        for uid, (_, status, _) in old.items():
            if uid not in now and status != "CANCELLED":
                fail(f"feeds/{name}: {uid} left the feed without being published as CANCELLED")
    if changed == 0 or cancelled == 0:
        fail(f"{out}: the re-plan changed {changed} and cancelled {cancelled} feed events; "
             "the test needs both")
    # A subscription: khal reads the old feed, then the new one, into one
    # calendar; it must hold each session once, as the months list them.
    with open(os.path.join(out, months[0], "summary.json"), encoding="utf-8") as f:
        zone = json.load(f)["time_zone"]
    person = next(n for n in names if n.startswith("specialists/")
                  and any(s == "CANCELLED" for _, s, _ in read_events(os.path.join(feeds, n)).values()))
    with tempfile.TemporaryDirectory() as home:
        config = khal_config(home, zone)
        for path in (os.path.join(before, person), os.path.join(feeds, person)):
            r = subprocess.run(["khal", "-c", config, "import", "--batch", "-a", "roster", path],
                               capture_output=True, text=True)
            if r.returncode != 0:
                fail(f"khal could not import {path}: {r.stderr}")
        r = subprocess.run(["khal", "-c", config, "list", "--format",
                            "{status}{start-date} {start-time} {title}", "--day-format", "",
                            "2000-01-01", "2099-12-31"], capture_output=True, text=True)
        got = sorted({line.removeprefix("CONFIRMED ") for line in r.stdout.splitlines()
                      if line.strip() and not line.startswith("CANCELLED")})
        want = []
        for m in months:
            with open(os.path.join(out, m, "summary.json"), encoding="utf-8") as f:
                summary = json.load(f)
            sid = next(s["id"] for s in summary["specialists"] if s["calendar"] == person)
            want += [f"{a['date']} {a['start']}" for a in summary["assignments"]
                     if a["specialist"] == sid]
        got_starts = sorted({" ".join(line.split()[:2]) for line in got})
        if got_starts != sorted(set(want)):
            fail(f"khal, after reading feeds/{person} before and after the re-plan, lists "
                 f"{len(got_starts)} sessions; the months hold {len(set(want))}")
    print(f"{feeds}: {len(names)} feeds over {', '.join(months)} read by python3-icalendar; "
          f"{changed} events changed with a higher SEQUENCE, {cancelled} cancelled once; khal "
          f"updated feeds/{person} in place ({len(got_starts)} sessions)")


def take_option(args, name, usage):
    """Removes `name A B` from args; returns [A, B], or None without it."""
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1:i + 3]
    del args[i:i + 3]
    if len(value) != 2:
        fail(f"usage: {name} {usage}")
    return value


def main(args):
    folders = list(args)
    feeds_args = take_option(folders, "--feeds", "OUT BEFORE")
    notify_args = take_option(folders, "--notify", "MONTH_FOLDER MAIL_DIR")
    history_args = take_option(folders, "--history", "REPLANNED_MONTH RERUN_MONTH")
    if not folders and not feeds_args:
        fail("usage: read_back.py MONTH_FOLDER...")
    for folder in folders:
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        zone = ZoneInfo(summary["time_zone"])
        check_data(folder, summary)
        events = check_calendars(folder, summary, zone)
        days = check_calcurse(folder, summary)
        khal = check_khal(folder, summary)
        asked, granted = check_requests(folder, summary, zone)
        print(f"{folder}: {len(summary['assignments'])} assignments; {events} events read by "
              f"python3-icalendar, {days} days by calcurse, {khal} sessions by khal: all agree; "
              f"{asked} requests, {granted} granted, as the calendars and the roster say")
    if feeds_args:
        check_feeds(*feeds_args)
    if notify_args:
        check_notices(*notify_args)
    if history_args:
        replanned, rerun = history_args
        with open(os.path.join(replanned, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        first = check_history(replanned, summary)
        if not summary["changes"] or not first["changes"]:
            fail(f"{replanned}: the re-plan left no history to test")
        with open(os.path.join(rerun, "summary.json"), encoding="utf-8") as f:
            again = json.load(f)
        second = check_history(rerun, again)
        if again["changes"] or second["changes"] != first["changes"]:
            fail(f"{rerun}: a re-publication with nothing new changed the history "
                 f"({len(first['changes'])} entries, now {len(second['changes'])})")
        print(f"{replanned}/history.json: {len(first['changes'])} changes, each as summary.json "
              f"has it; kept whole by a re-publication with nothing new")


if __name__ == "__main__":
    main(sys.argv[1:])
