// Reads a publication with Mozilla's ical.js (the calendar engine of
// Thunderbird), using the VTIMEZONE in each file, and checks that every
// specialist's events start at the local times summary.json gives.
// Not part of the suite (it needs the npm registry):
//   cd tests/icaljs && npm install --no-save ical.js && node check.mjs ROSTERS/2027-03
import ICAL from 'ical.js';
import fs from 'fs';
import path from 'path';
const folder = process.argv[2];
const summary = JSON.parse(fs.readFileSync(path.join(folder, 'summary.json'), 'utf8'));
let events = 0, bad = 0;
function files(dir) { return fs.readdirSync(dir, {withFileTypes: true}).flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ics') ? [path.join(dir, e.name)] : []); }
// expected UTC starts per specialist
const zoneOf = {};
for (const f of files(folder)) {
  const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(f, 'utf8')));
  const vtz = comp.getFirstSubcomponent('vtimezone');
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz);
  for (const ve of comp.getAllSubcomponents('vevent')) {
    const ev = new ICAL.Event(ve);
    const start = ev.startDate;
    if (start.zone.tzid !== summary.time_zone) { bad++; console.log('zone', start.zone.tzid); }
    events++;
  }
}
// wall-clock check on specialist calendars: local time equals summary start
for (const sp of summary.specialists) {
  const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(path.join(folder, sp.calendar), 'utf8')));
  const got = comp.getAllSubcomponents('vevent').map(v => new ICAL.Event(v)).map(e => {
    const u = e.startDate.toUnixTime();
    return u; }).sort();
  const want = summary.assignments.filter(a => a.specialist === sp.id).map(a => {
    // local time in Brussels -> UTC via Intl
    const [y,m,d] = a.date.split('-').map(Number); const [hh,mm] = a.start.split(':').map(Number);
    // find offset by trying +1 and +2
    for (const off of [1,2]) { const t = Date.UTC(y,m-1,d,hh-off,mm)/1000;
      const s = new Intl.DateTimeFormat('en-GB',{timeZone:summary.time_zone,hour:'2-digit',minute:'2-digit',hourCycle:'h23'}).format(new Date(t*1000));
      if (s === a.start) return t; }
    return -1; }).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) { bad++; console.log('mismatch', sp.id); }
}
console.log(`${folder}: ${events} events parsed by ical.js ${'2'}, ${bad} problems`);
process.exit(bad ? 1 : 0);
