#!/usr/bin/env python3
"""Renders published overviews (roster.html) in headless Chromium and fails
on what a department head would see wrong: names in the totals not aligned
left, numbers not right, a page wider than a 412-pixel phone (the grids
scroll inside their own box), and, printed on A4, a campus page without the
department, the month and the legend, or a first page without a grid;
and opened on a day of the month (the clock of the page set to it), no
"today" view, or one that is not that day's row.

    html_render.py MONTH_FOLDER...
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Runs before the page's own script: the reader's clock on the tenth of the
# month at noon.
CLOCK = """<script>
(function () {
  var D = Date, at = new D('%sT12:00:00');
  window.Date = function () { return arguments.length ? new (Function.prototype.bind.apply(
      D, [null].concat([].slice.call(arguments))))() : new D(at.getTime()); };
  window.Date.prototype = D.prototype;
  window.Date.now = function () { return at.getTime(); };
})();
</script>"""

PROBE = """<script>
window.addEventListener('load', function () {
  var r = {};
  var name = document.querySelector('table.totals td.name');
  var num = document.querySelector('table.totals td:nth-child(4)');
  r.name = name ? getComputedStyle(name).textAlign : null;
  r.number = num ? getComputedStyle(num).textAlign : null;
  r.width = document.documentElement.scrollWidth;
  r.viewport = window.innerWidth;
  var today = document.getElementById('today');
  r.today = today && !today.hidden ?
      Array.prototype.map.call(today.querySelectorAll('tr[data-day]'),
                               function (t) { return t.getAttribute('data-day'); }) : null;
  var p = document.createElement('pre');
  p.id = 'probe';
  p.textContent = JSON.stringify(r);
  document.body.appendChild(p);
});
</script>"""


def fail(msg):
    print(f"html_render: {msg}", file=sys.stderr)
    sys.exit(1)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    fail("needs chromium (apt-get install chromium)")


def run(args, tmp):
    # Its own profile, no sandbox (tests may run as root), no GPU.
    base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={tmp}/profile"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120)


def pages_text(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
                           capture_output=True, text=True, check=True).stdout
            for p in range(1, n + 1)]


def check(folder, tmp):
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    with open(os.path.join(folder, "roster.html"), encoding="utf-8") as f:
        html = f.read()
    probe = os.path.join(tmp, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        day = summary["from"][:8] + "10"
        f.write(html.replace("<body>", "<body>\n" + CLOCK % day, 1)
                .replace("</body>", PROBE + "</body>"))
    dom = run(["--window-size=412,900", "--dump-dom", "file://" + probe], tmp).stdout
    m = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    if not m:
        fail(f"{folder}: chromium did not render roster.html")
    r = json.loads(m.group(1).replace("&quot;", '"'))
    if r["name"] not in ("left", "start"):
        fail(f"{folder}: names in the totals are aligned {r['name']}, not left")
    if r["number"] not in ("right", "end"):
        fail(f"{folder}: numbers in the totals are aligned {r['number']}, not right")
    if r["today"] != [day]:
        fail(f"{folder}: opened on {day}, the today view shows {r['today']}")
    if r["width"] > r["viewport"] + 1:
        fail(f"{folder}: on a 412-pixel phone the page is {r['width']} pixels wide")
    # A specialist's own page on the same phone.
    if summary["specialists"]:
        own = os.path.join(folder, summary["specialists"][0]["calendar"][:-4] + ".html")
        with open(own, encoding="utf-8") as f:
            page = f.read()
        probe = os.path.join(os.path.dirname(own), ".probe.html")
        try:
            with open(probe, "w", encoding="utf-8") as f:
                f.write(page.replace("</body>", PROBE + "</body>"))
            dom = run(["--window-size=412,900", "--dump-dom", "file://" + probe], tmp).stdout
        finally:
            os.unlink(probe)
        m = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
        if not m:
            fail(f"{own}: chromium did not render it")
        p = json.loads(m.group(1).replace("&quot;", '"'))
        if p["width"] > p["viewport"] + 1:
            fail(f"{own}: on a 412-pixel phone the page is {p['width']} pixels wide")
    pdf = os.path.join(tmp, "roster.pdf")
    run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + os.path.abspath(
        os.path.join(folder, "roster.html"))], tmp)
    if not os.path.exists(pdf):
        fail(f"{folder}: chromium printed no PDF")
    pages = pages_text(pdf)
    campuses = [c["name"] for c in summary["campuses"]]
    month = {"en": "roster {} to {}", "nl": "rooster van {} tot {}",
             "fr": "planning du {} au {}"}[summary.get("language", "en")].format(
                 summary["from"], summary["to"])
    if campuses and campuses[0] not in pages[0]:
        fail(f"{folder}: printed, page 1 holds no grid (the first campus starts on a later page)")
    for c in campuses:
        where = [i for i, p in enumerate(pages) if re.search(r"^\s*" + re.escape(c) + r"\s*$", p, re.M)]
        if not where:
            fail(f"{folder}: printed, no page starts the grid of {c}")
        page = pages[where[0]]
        if month not in page or summary["department"] not in page:
            fail(f"{folder}: printed, the page of {c} does not say the department and month")
        first_code = summary["specialists"][0]["name"] if summary["specialists"] else ""
        if first_code and first_code not in page:
            fail(f"{folder}: printed, the page of {c} has no legend")
    print(f"{folder}: {len(pages)} printed pages, totals aligned, fits a phone")


def main():
    if len(sys.argv) < 2:
        fail("usage: html_render.py MONTH_FOLDER...")
    for folder in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as tmp:
            check(folder, tmp)


main()
