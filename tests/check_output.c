/*
 * check_output.c - what output/ makes of a roster: safe file names from any
 * name, the roster and its unfilled places as text, and the publication:
 * golden files, iCalendar read back by libical's parser and time zone
 * engine, escaping, unsafe names, atomicity under kill -9, and the lock.
 */
#define _GNU_SOURCE /* strptime, timegm */
#include "output.h"
#include "output_internal.h"
#include "words.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libical/ical.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct slug_case {
    const char *name;
    const char *slug;
};

static const struct slug_case slug_cases[] = {
    {"Dr. Hélène Van den Broeck", "dr-helene-van-den-broeck"},
    {"AZ Sint-Maarten Mechelen", "az-sint-maarten-mechelen"},
    {"Dr. Łukasz Żółć", "dr-lukasz-zolc"},
    {"Françoise D'Hondt-Œuvray", "francoise-d-hondt-oeuvray"},
    {"../../etc/passwd", "etc-passwd"},
    {"..", "unnamed"},
    {"", "unnamed"},
    {"   ", "unnamed"},
    {"\xe2\x80\x8f\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9 Sara\xe2\x80\x8e", "sara"}, /* RLM, Arabic */
    {"tab\there\nnew\x01line", "tab-here-new-line"},
    {"\xff\xfe broken UTF-8 \xc3", "broken-utf-8"},
    {"Straße", "strasse"},
};

START_TEST(test_slug)
{
    char out[65];
    ck_assert_str_eq(or_slug(slug_cases[_i].name, out), slug_cases[_i].slug);
}
END_TEST

START_TEST(test_slug_is_bounded)
{
    char name[1000], out[65];
    for (size_t i = 0; i < sizeof(name) - 1; i++)
        name[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    name[sizeof(name) - 1] = '\0';
    or_slug(name, out);
    ck_assert_uint_le(strlen(out), 64);
    ck_assert(out[strlen(out) - 1] != '-');
    ck_assert_ptr_null(strchr(out, '/'));
}
END_TEST

/* Namesakes and names without Latin letters still get distinct files. */
START_TEST(test_slug_namesakes)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        tu_load("department: {name: T}\n"
                "campuses: [{id: c, name: Campus}, {id: d, name: Campus}]\n"
                "activities: [{id: a, campus: c, days: mon, time: 08:00-12:00}]\n"
                "specialists:\n"
                "  - {id: apeeters, name: Dr. An Peeters}\n"
                "  - {id: apeeters2, name: Dr. An Peeters}\n"
                "  - {id: s1, name: \"\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9\"}\n"
                "  - {id: s2, name: \"\xd8\xb3\xd8\xa7\xd8\xb1\"}\n"
                "  - {id: x, name: unnamed-s1}\n",
                &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct slugs slugs;
    ck_assert_int_eq(slugs_build(&slugs, dept, NULL), 0);
    ck_assert_str_eq(slugs.specialists[0], "dr-an-peeters-apeeters");
    ck_assert_str_eq(slugs.specialists[1], "dr-an-peeters-apeeters2");
    ck_assert_str_eq(slugs.specialists[2], "unnamed-s1");
    ck_assert_str_eq(slugs.specialists[3], "unnamed-s2");
    ck_assert_str_eq(slugs.specialists[4], "unnamed-s1-x"); /* a name like a slug */
    ck_assert_str_eq(slugs.campuses[0], "campus-c");
    ck_assert_str_eq(slugs.campuses[1], "campus-d");
    slugs_free(&slugs);

    /* A published month's files stay where they are, unless unsafe. */
    struct or_published_file files[] = {
        {"apeeters2", "specialists/dr-an-janssens.ics", false},
        {"s1", "specialists/../../etc/passwd.ics", false},
        {"x", "specialists/dr-an-peeters-apeeters.ics", false}, /* taken by apeeters */
        {"d", "campuses/mechelen.ics", true}};
    struct or_published hints = {0};
    hints.files = files;
    hints.nfiles = 4;
    ck_assert_int_eq(slugs_build(&slugs, dept, &hints), 0);
    ck_assert_str_eq(slugs.specialists[1], "dr-an-janssens");
    ck_assert_str_eq(slugs.specialists[0], "dr-an-peeters");
    ck_assert_str_eq(slugs.specialists[2], "unnamed-s1");
    ck_assert_str_eq(slugs.specialists[4], "dr-an-peeters-apeeters");
    ck_assert_str_eq(slugs.campuses[1], "mechelen");
    ck_assert_str_eq(slugs.campuses[0], "campus");
    slugs_free(&slugs);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_roster_text)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        tu_load_range("department: {name: T, holidays: none}\n"
                      "campuses: [{id: vil, name: AZ Jan Portaels}]\n"
                      "skills: [breast]\n"
                      "activities:\n"
                      "  - {id: b, name: Borstraadpleging, campus: vil, days: [tue],\n"
                      "     time: 08:30-12:30, skills: [breast], staff: 2}\n"
                      "specialists:\n"
                      "  - {id: an, name: Dr. An Peeters, skills: [breast]}\n"
                      "  - {id: els, name: Dr. Els Mertens, skills: [breast],\n"
                      "     leave: [2027-01-05]}\n"
                      "  - {id: bart, name: Dr. Bart Janssens}\n"
                      "  - {id: dirk, name: Dr. Dirk Jacobs}\n"
                      "  - {id: filip, name: Dr. Filip Willems}\n"
                      "  - {id: griet, name: Dr. Griet Claes}\n"
                      "  - {id: hans, name: Dr. Hans Goossens}\n",
                      tu_day("2027-01-04"), tu_day("2027-01-10"), &diags);
    ck_assert_ptr_nonnull(dept);
    struct or_calendar *cal;
    struct or_roster *roster;
    ck_assert_int_eq(
        tu_solve(&roster, &cal, dept, tu_day("2027-01-04"), tu_day("2027-01-10"), 10, &diags), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_int_eq(or_write_roster_text(f, dept, cal, roster), 0);
    ck_assert_int_eq(or_write_shortfall_text(f, dept, cal, roster), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "2027-01-05 tue\n  08:30-12:30  Borstraadpleging"));
    ck_assert_ptr_nonnull(strstr(text, "Dr. An Peeters, [1 UNFILLED]"));
    ck_assert_ptr_nonnull(strstr(text,
                                 "1 place unfilled:\n  2027-01-05 08:30 Borstraadpleging at "
                                 "AZ Jan Portaels: 1 missing\n"
                                 "      Dr. Els Mertens: on leave\n"
                                 "      Dr. Bart Janssens, Dr. Dirk Jacobs, Dr. Filip Willems "
                                 "and 2 others: lacks the skill 'breast'\n"));
    free(text);
    or_roster_free(roster);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Publication                                                         */
/* ------------------------------------------------------------------ */

#define REVISION    ((time_t)1798761600) /* 2027-01-01T00:00:00Z */
#define PUBLISH_DIR TEST_DATA_DIR "/publish"

struct fixture {
    struct or_diags diags;
    struct or_department *dept;
    struct or_calendar *cal;
    struct or_roster *roster;
    struct or_publication pub;
};

static int *staff_list(int a, int b)
{
    int *list = malloc(3 * sizeof(int));
    ck_assert_ptr_nonnull(list);
    list[0] = a;
    list[1] = a >= 0 ? b : -1;
    list[2] = -1;
    return list;
}

/* A roster chosen by hand: the breast clinic by Hélène, once by Łukasz and
 * once unfilled; the Saturday night by the other two in turn. */
static struct or_roster *hand_roster(const struct or_department *dept,
                                     const struct or_calendar *cal)
{
    struct or_roster *r = calloc(1, sizeof(*r));
    ck_assert_ptr_nonnull(r);
    size_t ns = dept->nspecialists;
    r->nocc = cal->nocc;
    r->staff = calloc(cal->nocc, sizeof(int *));
    r->missing = calloc(cal->nocc, sizeof(int));
    r->bands = calloc(ns * OR_NCOUNTS, sizeof(*r->bands));
    ck_assert(r->staff && r->missing && r->bands);
    int hvdb = or_department_specialist(dept, "hvdb"), lz = or_department_specialist(dept, "lz");
    int path = or_department_specialist(dept, "path"), jan = or_department_specialist(dept, "jan");
    int nights = 0;
    for (size_t o = 0; o < cal->nocc; o++) {
        const struct or_occurrence *occ = &cal->occ[o];
        char day[11];
        or_day_format(occ->day, day);
        if (strcmp(dept->activities[occ->activity].id, "night") == 0) {
            r->staff[o] = staff_list(nights++ % 2 ? jan : path, -1);
        } else if (strcmp(day, "2027-03-19") == 0) {
            r->staff[o] = staff_list(-1, -1);
            r->missing[o] = 1;
            r->shortfall = calloc(1, sizeof(*r->shortfall));
            ck_assert_ptr_nonnull(r->shortfall);
            r->nshortfall = 1;
            r->shortfall->occurrence = o;
            r->shortfall->missing = 1;
            r->shortfall->why = calloc(ns, sizeof(unsigned));
            ck_assert_ptr_nonnull(r->shortfall->why);
            r->shortfall->why[hvdb] = OR_WHY_LEAVE;
            r->shortfall->why[lz] = OR_WHY_WEEK_MAX;
            r->shortfall->why[path] = r->shortfall->why[jan] = OR_WHY_SKILL;
        } else {
            r->staff[o] = staff_list(strcmp(day, "2027-03-12") == 0 ? lz : hvdb, -1);
        }
    }
    for (size_t s = 0; s < ns; s++)
        r->bands[s * OR_NCOUNTS + OR_COUNT_SESSIONS] = (struct or_band){1, 3, true};
    r->status = OR_SOLVE_OPTIMAL;
    r->objective = r->bound = 1000;
    r->seconds = 1.25;
    r->nodes = 3;
    r->soft.shortfall = 1;
    return r;
}

static void fixture_load(struct fixture *fx)
{
    memset(fx, 0, sizeof(*fx));
    or_day first = tu_day("2027-03-01"), last = tu_day("2027-03-31");
    fx->dept = tu_load_file(PUBLISH_DIR "/department.yaml", first, last, &fx->diags);
    ck_assert_msg(fx->dept, "%s", tu_diags_text(&fx->diags));
    ck_assert_int_eq(or_calendar_build(&fx->cal, fx->dept, first, last, &fx->diags), 0);
    fx->roster = hand_roster(fx->dept, fx->cal);
    fx->pub = (struct or_publication){fx->dept, fx->cal, fx->roster, REVISION, true,
                                      NULL,     NULL,    0,          NULL,     NULL};
}

static void fixture_free(struct fixture *fx)
{
    or_roster_free(fx->roster);
    or_calendar_free(fx->cal);
    or_department_free(fx->dept);
    or_diags_clear(&fx->diags);
}

static char *temp_dir(void)
{
    char *dir = strdup("/tmp/oncoroster-test-XXXXXX");
    ck_assert_ptr_nonnull(dir);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

static void remove_all(const char *path)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
    ck_assert_int_eq(system(cmd), 0);
}

/* Publishes the fixture into out (taking and releasing the lock). */
static enum or_publish_result publish(struct fixture *fx, const char *out,
                                      volatile sig_atomic_t *stop)
{
    struct or_lock *lock = NULL;
    enum or_publish_result r = or_lock_take(&lock, out, &fx->diags);
    if (r != OR_PUBLISH_OK)
        return r;
    char folder[PATH_MAX];
    r = or_publish(lock, &fx->pub, stop, folder, &fx->diags);
    or_lock_release(lock);
    return r;
}

/* Every file under dir, relative, sorted, one per line. */
static char *list_files(const char *dir)
{
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof(cmd), "cd '%s' && find . -type f | LC_ALL=C sort", dir);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    char line[PATH_MAX];
    while (fgets(line, sizeof(line), p))
        fputs(line, m);
    pclose(p);
    fclose(m);
    return text;
}

START_TEST(test_uuid)
{
    /* RFC 4122's DNS namespace: uuid5(NAMESPACE_DNS, "www.example.com"). */
    static const unsigned char dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                          0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    char out[37];
    ck_assert_str_eq(or_uuid_v5(out, dns, "www.example.com"),
                     "2ed6657d-e927-568b-95e1-2665a8aea6a2");
}
END_TEST

/* The publication of the fixture, byte for byte (ONCOROSTER_UPDATE_GOLDEN=1
 * rewrites the golden files after a deliberate change). */
START_TEST(test_golden)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char month[PATH_MAX];
    snprintf(month, sizeof(month), "%s/2027-03", out);
    if (getenv("ONCOROSTER_UPDATE_GOLDEN")) {
        char cmd[3 * PATH_MAX];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s/golden' && cp -r '%s' '%s/golden'", PUBLISH_DIR,
                 month, PUBLISH_DIR);
        ck_assert_int_eq(system(cmd), 0);
    }
    char *want = list_files(PUBLISH_DIR "/golden"), *got = list_files(month);
    ck_assert_str_eq(got, want);
    for (char *line = want; *line;) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        char a[2 * PATH_MAX], b[2 * PATH_MAX];
        snprintf(a, sizeof(a), "%s/golden/%s", PUBLISH_DIR, line + 2);
        snprintf(b, sizeof(b), "%s/%s", month, line + 2);
        char *ta = tu_read_file(a), *tb = tu_read_file(b);
        ck_assert_msg(ta && tb && strcmp(ta, tb) == 0, "%s differs from the golden file", line);
        free(ta);
        free(tb);
        line = nl + 1;
    }
    free(want);
    free(got);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t len = s[i] < 0x80         ? 1
                     : (s[i] >> 5) == 6  ? 2
                     : (s[i] >> 4) == 14 ? 3
                     : (s[i] >> 3) == 30 ? 4
                                         : 0;
        if (len == 0 || i + len > n)
            return false;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

/* RFC 5545 §3.1: CRLF line ends, at most 75 octets a line, folded lines
 * start with a space, and (ours) no UTF-8 character split by a fold. */
static void check_lines(const char *name, const char *text)
{
    size_t n = 0;
    for (const char *line = text; *line; n++) {
        const char *end = strstr(line, "\r\n");
        ck_assert_msg(end, "%s: line %zu does not end in CRLF", name, n + 1);
        ck_assert_msg(!memchr(line, '\n', (size_t)(end - line)), "%s: bare LF", name);
        ck_assert_msg(end - line <= 75, "%s: line %zu has %td octets", name, n + 1, end - line);
        ck_assert_msg(valid_utf8((const unsigned char *)line, (size_t)(end - line)),
                      "%s: line %zu splits a UTF-8 character", name, n + 1);
        line = end + 2;
    }
    ck_assert_uint_gt(n, 10);
}

static const char *const calendars[] = {
    "department.ics",
    "campuses/az-jan-portaels-vilvoorde.ics",
    "campuses/az-sint-maarten.ics",
    "specialists/dr-helene-van-den-broeck.ics",
    "specialists/etc-passwd.ics",
    "specialists/jan-bolle-peeters-md.ics",
    "specialists/dr-lukasz-zolc.ics",
};

/* Every VEVENT's start and end, read with libical's own time zone engine
 * from the file's VTIMEZONE, must be the occurrence's UTC instants. */
static size_t check_times(const char *name, const char *text, const struct or_calendar *cal,
                          const char *zone)
{
    icalcomponent *root = icalparser_parse_string(text);
    ck_assert_msg(root, "%s: libical cannot parse it", name);
    ck_assert_int_eq(icalcomponent_count_errors(root), 0);
    ck_assert_msg(icalrestriction_check(root), "%s: fails libical's restriction check", name);
    icalcomponent *vtz = icalcomponent_get_first_component(root, ICAL_VTIMEZONE_COMPONENT);
    ck_assert_ptr_nonnull(vtz);
    ck_assert_ptr_null(icalcomponent_get_next_component(root, ICAL_VTIMEZONE_COMPONENT));
    icaltimezone *tz = icaltimezone_new();
    ck_assert(icaltimezone_set_component(tz, icalcomponent_new_clone(vtz)));
    ck_assert_str_eq(icaltimezone_get_tzid(tz), zone);
    size_t n = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
        icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
        ck_assert_ptr_nonnull(tzid);
        ck_assert_str_eq(icalparameter_get_tzid(tzid), zone);
        struct icaltimetype start = icalproperty_get_dtstart(p);
        struct icaltimetype end = icalcomponent_get_dtend(ev);
        time_t s = icaltime_as_timet_with_zone(start, tz);
        time_t e = icaltime_as_timet_with_zone(end, tz);
        bool found = false;
        for (size_t o = 0; o < cal->nocc && !found; o++)
            found = cal->occ[o].start == s && cal->occ[o].end == e;
        ck_assert_msg(found, "%s: event %s at %s matches no occurrence (%ld..%ld)", name,
                      icalcomponent_get_uid(ev), icaltime_as_ical_string(start), (long)s, (long)e);
        n++;
    }
    icaltimezone_free(tz, 1);
    icalcomponent_free(root);
    return n;
}

START_TEST(test_ics_readers)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    size_t events[7];
    for (size_t i = 0; i < 7; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/2027-03/%s", out, calendars[i]);
        char *text = tu_read_file(path);
        ck_assert_msg(text, "%s missing", calendars[i]);
        check_lines(calendars[i], text);
        ck_assert_ptr_nonnull(strstr(text, "BEGIN:VCALENDAR\r\nPRODID:-//oncoroster//"));
        ck_assert_ptr_nonnull(strstr(text, "\r\nVERSION:2.0\r\n"));
        ck_assert_ptr_null(strstr(text, "METHOD"));
        ck_assert_ptr_null(strstr(text, "freeassociation"));
        ck_assert_ptr_nonnull(strstr(text, "\r\nTZID:Europe/Brussels\r\n"));
        ck_assert_ptr_nonnull(strstr(text, "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"));
        ck_assert_ptr_null(strstr(text, "UNTIL"));
        events[i] = check_times(calendars[i], text, fx.cal, "Europe/Brussels");
        free(text);
    }
    /* 8 Tuesday and Friday clinics (Easter Monday is no Tuesday), 4 nights. */
    ck_assert_uint_eq(fx.cal->nocc, 13);
    ck_assert_uint_eq(events[0], 13);
    ck_assert_uint_eq(events[1] + events[2], 13);
    ck_assert_uint_eq(events[3] + events[4] + events[5] + events[6], 12); /* one unfilled */
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* Names with ',' ';' '\\' and quotes come out escaped for each format. */
START_TEST(test_escaping)
{
    struct fixture fx;
    fixture_load(&fx);
    char *ics = or_ics_calendar(&fx.pub, -1, -1);
    ck_assert_ptr_nonnull(ics);
    /* libical 3.0.16 leaves ',' ';' bare in X- properties: ours are not. */
    ck_assert_ptr_nonnull(strstr(ics, "\r\nX-WR-CALNAME:Oncologie Noord\\, Zuid\\; proef\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "\r\nNAME:Oncologie Noord\\, Zuid\\; proef\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:Borstraadpleging \\\\ diagnose — AZ Jan "));
    ck_assert_ptr_nonnull(strstr(ics, "LOCATION:Liersesteenweg 435\\; 2800 Mechelen\r\n"));
    ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:UNFILLED (1) Borstraadpleging"));
    free(ics);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_int_eq(or_write_csv(f, &fx.pub), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "date,start,end,campus,activity,specialist,"));
    ck_assert_ptr_nonnull(strstr(text, "\r\n2027-03-06,20:00,08:00,AZ Sint-Maarten,"
                                       "Wachtdienst nacht,../../etc/passwd,mech,night,path\r\n"));
    ck_assert_ptr_nonnull(strstr(text, ",\"Jan \"\"Bolle\"\" Peeters, MD\",mech,night,jan\r\n"));
    ck_assert_ptr_nonnull(strstr(text, "\r\n2027-03-02,08:30,12:30,\"AZ Jan Portaels, "
                                       "Vilvoorde\",Borstraadpleging \\ diagnose,"));
    free(text);

    f = open_memstream(&text, &len);
    ck_assert_int_eq(or_write_summary_json(f, &fx.pub), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "\"name\": \"Jan \\\"Bolle\\\" Peeters, MD\""));
    ck_assert_ptr_nonnull(strstr(text, "\"seconds\": null, \"nodes\": null"));
    ck_assert_ptr_nonnull(
        strstr(text, "{\"specialist\": \"hvdb\", \"rule\": \"leave\", \"reason\": \"on leave\"}"));
    free(text);

    f = open_memstream(&text, &len);
    ck_assert_int_eq(or_write_html(f, &fx.pub), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "Jan &quot;Bolle&quot; Peeters, MD"));
    ck_assert_ptr_null(strstr(text, "src="));
    ck_assert_ptr_null(strstr(text, "http"));
    ck_assert_ptr_nonnull(strstr(text, "<td class=\"short\">"));
    free(text);
    fixture_free(&fx);
}
END_TEST

/* The printf conversions of a word, in order ("%s%d%.0f"). */
static void conversions(const char *fmt, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = fmt; *p && k + 8 < n; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        out[k++] = '%';
        while (*++p && !strchr("sdgfzu", *p))
            out[k++] = *p;
        if (*p == 'z')
            out[k++] = *p++;
        if (*p)
            out[k++] = *p;
    }
    out[k] = '\0';
}

/* Every word has a Dutch and a French form with the same conversions as
 * the English one: a translation that drops or swaps one would print
 * garbage (or crash) in that language only. */
START_TEST(test_words_match)
{
    for (int w = 0; w < NWORDS; w++) {
        char en[64], other[64];
        const char *e = words_in(OR_LANG_EN, (enum word)w);
        ck_assert_msg(*e, "word %d has no English form", w);
        conversions(e, en, sizeof(en));
        const enum or_language langs[] = {OR_LANG_NL, OR_LANG_FR};
        for (size_t i = 0; i < 2; i++) {
            const char *t = words_in(langs[i], (enum word)w);
            ck_assert_msg(t && *t, "word %d (%s) is missing in language %d", w, e, langs[i]);
            conversions(t, other, sizeof(other));
            ck_assert_msg(strcmp(en, other) == 0, "word %d: '%s' has %s, '%s' has %s", w, e, en, t,
                          other);
        }
    }
}
END_TEST

static char *html_of(const struct or_publication *pub)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_int_eq(or_write_html(f, pub), 0);
    fclose(f);
    return text;
}

/* The calendars, the overview and the spreadsheet speak the department's
 * language; the machine-read roster.csv and summary.json keys do not. */
START_TEST(test_languages)
{
    struct fixture fx;
    fixture_load(&fx);
    static const struct {
        enum or_language lang;
        const char *code, *summary, *desc, *month, *html, *csv;
    } want[] = {
        {OR_LANG_EN, "en", "SUMMARY:UNFILLED (1) ", "Staff: ", "in March 2027",
         "Public holidays and closures: ",
         "\xef\xbb\xbf"
         "Date;Start;End;Campus;Activity;"},
        {OR_LANG_NL, "nl", "SUMMARY:NIET INGEVULD (1) ", "Bezetting: ", "in maart 2027",
         "Feestdagen en sluitingsdagen: ",
         "\xef\xbb\xbf"
         "Datum;Begin;Einde;Campus;Activiteit;"},
        {OR_LANG_FR, "fr", "SUMMARY:NON POURVU (1) ", "\xc3\x89quipe : ", "en mars 2027",
         "Jours f\xc3\xa9ri\xc3\xa9s et fermetures : ",
         "\xef\xbb\xbf"
         "Date;D\xc3\xa9\x62ut;Fin;Site;Activit\xc3\xa9;"},
    };
    for (size_t i = 0; i < 3; i++) {
        fx.dept->language = want[i].lang;
        char *ics = or_ics_calendar(&fx.pub, -1, -1);
        ck_assert_ptr_nonnull(ics);
        ck_assert_msg(strstr(ics, want[i].summary), "%s: no %s", want[i].code, want[i].summary);
        /* Unfolded, since libical folds long lines. */
        char *flat = ics, *w = ics;
        for (char *p = ics; *p; p++) {
            if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
                p += 2;
                continue;
            }
            *w++ = *p;
        }
        *w = '\0';
        ck_assert_msg(strstr(flat, want[i].desc), "%s: no %s", want[i].code, want[i].desc);
        ck_assert_msg(strstr(flat, want[i].month), "%s: no %s", want[i].code, want[i].month);
        free(ics);
        char *html = html_of(&fx.pub);
        char lang[32];
        snprintf(lang, sizeof(lang), "<html lang=\"%s\">", want[i].code);
        ck_assert_msg(strstr(html, lang), "%s: no %s", want[i].code, lang);
        ck_assert_msg(strstr(html, want[i].html), "%s: no %s", want[i].code, want[i].html);
        free(html);
        char *csv = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&csv, &len);
        ck_assert_int_eq(or_write_csv_spreadsheet(f, &fx.pub), 0);
        fclose(f);
        ck_assert_msg(strncmp(csv, want[i].csv, strlen(want[i].csv)) == 0, "%s: header %.60s",
                      want[i].code, csv);
        free(csv);
        f = open_memstream(&csv, &len);
        ck_assert_int_eq(or_write_csv(f, &fx.pub), 0);
        fclose(f);
        ck_assert_ptr_nonnull(strstr(csv, "date,start,end,campus,activity,specialist,"));
        free(csv);
    }
    fixture_free(&fx);
}
END_TEST

static void count_named(const char *who, const char *why, void *user)
{
    (void)who;
    (void)why;
    ++*(size_t *)user;
}

/* However many could work an unfilled place, the writers name a bounded
 * number and count the rest. */
START_TEST(test_reasons_capped)
{
    struct fixture fx;
    fixture_load(&fx);
    const struct or_shortfall *sf = &fx.roster->shortfall[0];
    const int *staff = fx.roster->staff[sf->occurrence];
    size_t all = 0, named = 0;
    ck_assert_uint_eq(shortfall_reasons(fx.dept, sf, staff, 1000, count_named, &all), 0);
    size_t groups = 0;
    for (size_t s = 0; s < fx.dept->nspecialists; s++)
        groups += (sf->why[s] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) != 0;
    ck_assert_uint_ge(all, 2);
    size_t more = shortfall_reasons(fx.dept, sf, staff, 1, count_named, &named);
    ck_assert_uint_ge(more, 1);
    /* One named, the others counted, the not-eligible groups as before. */
    ck_assert_uint_eq(named + more, all);
    fixture_free(&fx);
}
END_TEST

/* The overview's views: a row per day in the week view, the unfilled place
 * listed with who could have taken it and linked from its red cell, and,
 * after a re-plan, the changed cell marked. */
START_TEST(test_html_views)
{
    struct fixture fx;
    fixture_load(&fx);
    char *html = html_of(&fx.pub);
    ck_assert_ptr_nonnull(strstr(html, "<tr data-day=\"2027-03-01\">"));
    ck_assert_ptr_nonnull(strstr(html, "<tr data-day=\"2027-03-31\">"));
    ck_assert_ptr_null(strstr(html, "<tr data-day=\"2027-04-01\">"));
    ck_assert_uint_eq(fx.roster->nshortfall, 1);
    char id[64];
    snprintf(id, sizeof(id), "<li id=\"open-%zu\">", fx.roster->shortfall[0].occurrence);
    ck_assert_msg(strstr(html, id), "no %s", id);
    snprintf(id, sizeof(id), "<a href=\"#open-%zu\">", fx.roster->shortfall[0].occurrence);
    ck_assert_msg(strstr(html, id), "no link %s", id);
    ck_assert_ptr_null(strstr(html, "<span class=\"mark\""));
    free(html);

    /* The same roster against a publication where someone else held the
     * first assigned session: that cell, and only it, is marked. */
    size_t o = 0, n = 0;
    while (fx.roster->staff[o][0] < 0 || fx.roster->staff[o][1] >= 0)
        o++;
    int now = fx.roster->staff[o][0], other = now == 0 ? 1 : 0;
    size_t occurrence[64];
    int specialist[64];
    for (size_t k = 0; k < fx.cal->nocc; k++)
        for (const int *p = fx.roster->staff[k]; *p >= 0 && n < 64; p++) {
            occurrence[n] = k;
            specialist[n++] = k == o ? other : *p;
        }
    struct or_previous prev = {occurrence, specialist, n, fx.cal->first, NULL, 0};
    fx.pub.previous = &prev;
    html = html_of(&fx.pub);
    size_t marks = 0;
    for (const char *p = html; (p = strstr(p, "<span class=\"mark\"")); p++)
        marks++;
    ck_assert_uint_eq(marks, 1);
    ck_assert_ptr_nonnull(strstr(html, "<section class=\"changes\" id=\"changes\">"));
    ck_assert_ptr_nonnull(strstr(html, fx.dept->specialists[other].name));
    free(html);
    fx.pub.previous = NULL;
    fixture_free(&fx);
}
END_TEST

/* Names that a spreadsheet would run as formulas (OWASP's CSV injection:
 * a cell starting with = + - @ TAB or CR) come out of roster.csv quoted,
 * after a single quote, so that they show as text. */
START_TEST(test_csv_formula_injection)
{
    struct fixture fx;
    fixture_load(&fx);
    struct or_specialist *sp = &fx.dept->specialists[or_department_specialist(fx.dept, "jan")];
    struct or_campus *c = &fx.dept->campuses[0];
    char *keep_name = sp->name, *keep_id = sp->id, *keep_campus = c->name;
    static const char *const names[] = {"=HYPERLINK(\"http://evil.example\",\"Dr. X\")", "-2+3",
                                        "@SUM(A1)", "\tTab", "\rReturn"};
    static const char *const cells[] = {
        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Dr. X\"\")\"", "\"'-2+3\"", "\"'@SUM(A1)\"",
        "\"'\tTab\"", "\"'\rReturn\""};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        sp->name = (char *)names[i];
        sp->id = (char *)"+id";
        c->name = (char *)"+cmd|' /C calc'!A0";
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        ck_assert_int_eq(or_write_csv(f, &fx.pub), 0);
        fclose(f);
        char want[256];
        snprintf(want, sizeof(want), ",%s,", cells[i]);
        ck_assert_msg(strstr(text, want), "%s not neutralised:\n%s", names[i], text);
        ck_assert_ptr_nonnull(strstr(text, ",\"'+id\"\r\n"));
        ck_assert_ptr_nonnull(strstr(text, ",\"'+cmd|' /C calc'!A0\","));
        ck_assert_ptr_null(strstr(text, ",=HYPERLINK"));
        ck_assert_ptr_null(strstr(text, ",+cmd"));
        free(text);
    }
    sp->name = keep_name;
    sp->id = keep_id;
    c->name = keep_campus;
    fixture_free(&fx);
}
END_TEST

/* The VTIMEZONE written for other zones, read back by libical's engine:
 * northern and southern DST, none, negative DST, and irregular changes. */
struct zone_case {
    const char *zone;
    const char *month;
};

static const struct zone_case zone_cases[] = {
    {"Europe/Brussels", "2027-03"},   {"Europe/Brussels", "2027-10"},
    {"Europe/Amsterdam", "2030-10"},  {"America/New_York", "2027-03"},
    {"America/New_York", "2027-11"},  {"Australia/Sydney", "2027-04"},
    {"Australia/Sydney", "2027-10"},  {"Asia/Tokyo", "2027-03"},
    {"Europe/Dublin", "2027-10"},     {"Africa/Casablanca", "2027-02"},
    {"Africa/Casablanca", "2027-03"}, {"America/Sao_Paulo", "2027-02"},
};

START_TEST(test_vtimezone_zones)
{
    const struct zone_case *zc = &zone_cases[_i];
    char yaml[1024];
    snprintf(yaml, sizeof(yaml),
             "department: {name: Z, timezone: %s, holidays: none}\n"
             "campuses: [{id: c}]\n"
             "activities:\n"
             "  - {id: early, campus: c, days: daily, time: 00:30-04:30}\n"
             "  - {id: clinic, campus: c, days: daily, time: 08:30-12:30}\n"
             "  - {id: night, campus: c, days: daily, time: 22:00-08:00}\n"
             "specialists: [{id: a}, {id: b}, {id: c}]\n",
             zc->zone);
    or_day first, last;
    ck_assert(or_month_parse(zc->month, &first, &last));
    struct or_diags diags = {0};
    struct or_department *dept = tu_load_range(yaml, first, last, &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(or_calendar_build(&cal, dept, first, last, &diags), 0);
    struct or_roster roster = {0};
    roster.nocc = cal->nocc;
    roster.staff = calloc(cal->nocc, sizeof(int *));
    roster.missing = calloc(cal->nocc, sizeof(int));
    for (size_t o = 0; o < cal->nocc; o++)
        roster.staff[o] = staff_list(cal->occ[o].activity, -1);
    struct or_publication pub = {dept, cal, &roster, REVISION, true, NULL, NULL, 0, NULL, NULL};
    char *ics = or_ics_calendar(&pub, -1, -1);
    ck_assert_ptr_nonnull(ics);
    check_lines(zc->zone, ics);
    ck_assert_uint_eq(check_times(zc->zone, ics, cal, zc->zone), cal->nocc);
    free(ics);
    for (size_t o = 0; o < cal->nocc; o++)
        free(roster.staff[o]);
    free(roster.staff);
    free(roster.missing);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* Names cannot lead a file outside its folder. */
START_TEST(test_unsafe_names)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char *files = list_files(out);
    for (char *line = files; *line;) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        ck_assert_msg(strncmp(line, "./2027-03/", 10) == 0 || strncmp(line, "./feeds/", 8) == 0 ||
                          strcmp(line, "./.oncoroster.lock") == 0,
                      "unexpected file %s", line);
        ck_assert_ptr_null(strstr(line, ".."));
        line = nl + 1;
    }
    free(files);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

static char *event_with(const char *text, const char *needle);

/* The revision a publication folder holds, or -1 when it is incomplete or
 * mixed.  The rosters published in these tests differ only in who works
 * Tuesday 9 March, so every file that shows that session must agree with
 * summary.json on who and, where it changed, when. */
static long publication_revision(const char *month)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof(path), "%s/summary.json", month);
    char *json = tu_read_file(path);
    if (!json)
        return -1;
    char *at = strstr(json, "\"published\": \"");
    struct tm tm = {0};
    long rev = -1;
    if (at && strptime(at + 14, "%Y-%m-%dT%H:%M:%SZ", &tm))
        rev = (long)timegm(&tm);
    bool lz = strstr(json, "{\"date\": \"2027-03-09\", \"start\": \"08:30\", \"end\": "
                           "\"12:30\", \"activity\": \"breast\", \"campus\": \"vil\", "
                           "\"specialist\": \"lz\"}") != NULL;
    free(json);
    const char *who = lz ? "Dr. \xc5\x81ukasz" : "Dr. H\xc3\xa9l\xc3\xa8ne";
    snprintf(path, sizeof(path), "%s/roster.csv", month);
    char *csv = tu_read_file(path);
    char row[128];
    snprintf(row, sizeof(row),
             "2027-03-09,08:30,12:30,\"AZ Jan Portaels, Vilvoorde\","
             "Borstraadpleging \\ diagnose,%s",
             who);
    if (!csv || !strstr(csv, row))
        rev = -1;
    free(csv);
    for (size_t i = 0; i < 7; i++) {
        snprintf(path, sizeof(path), "%s/%s", month, calendars[i]);
        char *text = tu_read_file(path);
        if (!text || !strstr(text, "END:VCALENDAR\r\n"))
            rev = -1;
        if (text && i < 2 && rev >= 0) { /* department and Vilvoorde: the session */
            char *ev = event_with(text, "20270309T083000");
            if (!ev || !strstr(ev, who))
                rev = -1;
            free(ev);
        }
        free(text);
    }
    return rev;
}

/* kill -9 at random moments of publishing: the folder is always one whole
 * publication, and the next run cleans up. */
START_TEST(test_publish_kill)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    char month[PATH_MAX];
    snprintf(month, sizeof(month), "%s/2027-03", out);
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    ck_assert_int_eq(publication_revision(month), (long)REVISION);
    /* How long a re-publication takes here and now, as the killed runs do
     * it: each kill falls somewhere within that much of the start of one,
     * so that some rounds catch the swap and some the writing, on fast and
     * slow disks.  Only where the kills fall depends on it; no check does. */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_int_eq(publication_revision(month), (long)REVISION);
    long span = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
    span = span < 1000 ? 1000 : span;
    size_t tuesday = 0;
    while (fx.cal->occ[tuesday].day != tu_day("2027-03-09"))
        tuesday++;
    int hvdb = or_department_specialist(fx.dept, "hvdb");
    int lz = or_department_specialist(fx.dept, "lz");
    srand(7);
    long seen_new = 0;
    for (int round = 0; round < 100; round++) {
        /* The child says when it starts each publication. */
        int started[2];
        ck_assert_int_eq(pipe(started), 0);
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            close(started[0]);
            for (long k = 1;; k++) {
                fx.pub.revision = REVISION + round * 1000 + k;
                fx.roster->staff[tuesday][0] = k % 2 ? lz : hvdb;
                if (write(started[1], "k", 1) != 1)
                    _exit(1);
                publish(&fx, out, NULL);
            }
        }
        close(started[1]);
        /* Every fifth round kills the second publication, once the first
         * is whole: then the folder must hold this round's. */
        bool second = round % 5 == 4;
        char c;
        for (int k = 0; k < 1 + second; k++)
            ck_assert_int_eq(read(started[0], &c, 1), 1);
        long us = rand() % span;
        struct timespec ts = {us / 1000000, us % 1000000 * 1000};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        close(started[0]);
        long rev = publication_revision(month);
        ck_assert_msg(rev >= (long)REVISION, "round %d: the publication is incomplete or mixed",
                      round);
        if (second)
            ck_assert_msg(rev > (long)REVISION + round * 1000,
                          "round %d: the whole first publication is gone", round);
        seen_new += rev > (long)REVISION;
    }
    ck_assert_int_gt(seen_new, 0);
    /* The next run removes what killed runs left. */
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char *files = list_files(out);
    ck_assert_ptr_null(strstr(files, "./.2027-03."));
    free(files);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_lock_busy)
{
    char *out = temp_dir();
    int ready[2];
    ck_assert_int_eq(pipe(ready), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct or_diags d = {0};
        struct or_lock *lock = NULL;
        if (or_lock_take(&lock, out, &d) != OR_PUBLISH_OK)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    char c;
    ck_assert_int_eq(read(ready[0], &c, 1), 1);
    struct or_diags diags = {0};
    struct or_lock *lock = NULL;
    ck_assert_int_eq(or_lock_take(&lock, out, &diags), OR_PUBLISH_BUSY);
    ck_assert(tu_has_diag(&diags, 0, "another oncoroster run is publishing into"));
    kill(pid, SIGKILL); /* a killed run's lock goes with it */
    waitpid(pid, NULL, 0);
    ck_assert_int_eq(or_lock_take(&lock, out, &diags), OR_PUBLISH_OK);
    or_lock_release(lock);
    close(ready[0]);
    close(ready[1]);
    or_diags_clear(&diags);
    remove_all(out);
    free(out);
}
END_TEST

/* Whatever someone who may write into --out puts at the lock's name (a
 * link to a file outside, a dangling link, a hard link, a FIFO, a folder),
 * it is refused: nothing outside --out is written or created. */
START_TEST(test_lock_planted)
{
    char *base = temp_dir();
    char out[PATH_MAX], lock[2 * PATH_MAX], victim[2 * PATH_MAX], created[2 * PATH_MAX];
    snprintf(out, sizeof(out), "%s/out", base);
    snprintf(lock, sizeof(lock), "%s/.oncoroster.lock", out);
    snprintf(victim, sizeof(victim), "%s/victim.txt", base);
    snprintf(created, sizeof(created), "%s/created.txt", base);
    ck_assert_int_eq(mkdir(out, 0755), 0);
    FILE *f = fopen(victim, "w");
    fputs("keep\n", f);
    fclose(f);
    static const char *const kinds[] = {"symbolic link", "dangling link", "hard link", "FIFO",
                                        "folder"};
    static const char *const said[] = {"it is a symbolic link", "it is a symbolic link",
                                       "it has other names (hard links)", "it is not a file",
                                       "it is a folder"};
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        int made = k == 0   ? symlink("../victim.txt", lock)
                   : k == 1 ? symlink("../created.txt", lock)
                   : k == 2 ? link(victim, lock)
                   : k == 3 ? mkfifo(lock, 0644)
                            : mkdir(lock, 0755);
        ck_assert_int_eq(made, 0);
        struct or_diags diags = {0};
        struct or_lock *l = NULL;
        ck_assert_msg(or_lock_take(&l, out, &diags) == OR_PUBLISH_FAILED, "%s taken", kinds[k]);
        ck_assert_ptr_null(l);
        char *text = tu_diags_text(&diags);
        ck_assert_msg(strstr(text, lock) && strstr(text, said[k]) &&
                          strstr(text, "remove it and run again"),
                      "%s: %s", kinds[k], text);
        free(text);
        or_diags_clear(&diags);
        char *kept = tu_read_file(victim);
        ck_assert_str_eq(kept, "keep\n");
        free(kept);
        ck_assert_int_eq(access(created, F_OK), -1);
        ck_assert_int_eq(k == 4 ? rmdir(lock) : unlink(lock), 0);
    }
    remove_all(base);
    free(base);
}
END_TEST

static mode_t mode_of(const char *path)
{
    struct stat st;
    ck_assert_int_eq(lstat(path, &st), 0);
    return st.st_mode & 07777;
}

/* The lock file is one only oncoroster's user can open, so no other user
 * can hold a lock on it; one left readable by an earlier version is made
 * private, one of another user is refused, and one removed or replaced
 * while a run holds it stops that run from publishing. */
START_TEST(test_lock_private)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    char lock[PATH_MAX + 32], month[PATH_MAX + 32];
    snprintf(lock, sizeof(lock), "%s/.oncoroster.lock", out);
    snprintf(month, sizeof(month), "%s/2027-03", out);
    mode_t mask = umask(022);
    struct or_lock *l1 = NULL, *l2 = NULL;
    ck_assert_int_eq(or_lock_take(&l1, out, &fx.diags), OR_PUBLISH_OK);
    ck_assert_int_eq(mode_of(lock), 0600);
    or_lock_release(l1);

    /* Readable by all, as earlier versions made it: made private. */
    ck_assert_int_eq(chmod(lock, 0644), 0);
    ck_assert_int_eq(or_lock_take(&l1, out, &fx.diags), OR_PUBLISH_OK);
    ck_assert_int_eq(mode_of(lock), 0600);
    or_lock_release(l1);

    /* Held with a read lock by another program (oncoroster never takes
     * one): busy, and the message says what to do. */
    int ready[2];
    ck_assert_int_eq(pipe(ready), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(lock, O_RDONLY);
        struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
        if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0 || write(ready[1], "x", 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    char c;
    ck_assert_int_eq(read(ready[0], &c, 1), 1);
    close(ready[0]);
    close(ready[1]);
    ck_assert_int_eq(or_lock_take(&l1, out, &fx.diags), OR_PUBLISH_BUSY);
    ck_assert(tu_has_diag(&fx.diags, 0, "holds a read lock on it, which oncoroster never takes"));
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    or_diags_clear(&fx.diags);

    /* Another user's: refused (only where the suite may give files away). */
    if (geteuid() == 0) {
        ck_assert_int_eq(chown(lock, 65534, 65534), 0);
        ck_assert_int_eq(or_lock_take(&l1, out, &fx.diags), OR_PUBLISH_FAILED);
        ck_assert(tu_has_diag(&fx.diags, 0, "it belongs to another user"));
        or_diags_clear(&fx.diags);
        ck_assert_int_eq(unlink(lock), 0);
    }

    /* Removed while a run holds it: a second run can take a new one, and
     * the first then publishes nothing. */
    ck_assert_int_eq(or_lock_take(&l1, out, &fx.diags), OR_PUBLISH_OK);
    ck_assert_int_eq(unlink(lock), 0);
    ck_assert_int_eq(or_lock_take(&l2, out, &fx.diags), OR_PUBLISH_OK);
    char folder[PATH_MAX];
    ck_assert_int_eq(or_publish(l1, &fx.pub, NULL, folder, &fx.diags), OR_PUBLISH_BUSY);
    ck_assert(tu_has_diag(&fx.diags, 0, "was removed or replaced while this run held it"));
    ck_assert_int_eq(access(month, F_OK), -1);
    ck_assert_int_eq(or_publish_check(l1, tu_day("2027-03-01"), &fx.diags), OR_PUBLISH_BUSY);
    or_diags_clear(&fx.diags);
    ck_assert_int_eq(or_publish(l2, &fx.pub, NULL, folder, &fx.diags), OR_PUBLISH_OK);
    ck_assert_int_eq(publication_revision(month), (long)REVISION);
    or_lock_release(l1);
    or_lock_release(l2);
    umask(mask);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* Swaps the folder named "specialists" for a link to the folder outside
 * --out (arg) just before the removal opens it, as someone who may write
 * into --out could. */
struct swap {
    const char *victim; /* the folder outside */
    const char *aside;  /* where the real folder goes */
    int swapped;
};

static void swap_for_link(int at, const char *name, void *arg)
{
    struct swap *sw = arg;
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    if (strcmp(base, "specialists") != 0 || sw->swapped)
        return;
    ck_assert_int_eq(renameat(at, name, AT_FDCWD, sw->aside), 0);
    ck_assert_int_eq(symlinkat(sw->victim, at, name), 0);
    sw->swapped++;
}

/* Removing an old or half-written month folder never follows a link: not
 * one already in the tree, nor a folder swapped for a link while the
 * removal works; nothing outside --out is touched. */
START_TEST(test_remove_tree_never_follows)
{
    char *base = temp_dir();
    char tree[PATH_MAX], victim[PATH_MAX], aside[PATH_MAX], cmd[12 * PATH_MAX];
    snprintf(tree, sizeof(tree), "%.200s/out/.2027-03.old-1", base);
    snprintf(victim, sizeof(victim), "%.200s/victim", base);
    snprintf(aside, sizeof(aside), "%.200s/aside", base);
    snprintf(cmd, sizeof(cmd),
             "mkdir -p '%s/sub' '%s/specialists' '%s/campuses' && "
             "for f in 1 2 sub/3; do echo $f > '%s/'$f.txt; done && "
             "echo a > '%s/specialists/a.ics' && echo c > '%s/campuses/c.ics' && "
             "echo s > '%s/summary.json' && ln -s '%s' '%s/campuses/link' && "
             "ln -s '%s/1.txt' '%s/file-link'",
             victim, tree, tree, victim, tree, tree, tree, victim, tree, victim, tree);
    ck_assert_int_eq(system(cmd), 0);
    struct swap sw = {victim, aside, 0};
    publish_remove_tree(tree, swap_for_link, &sw);
    ck_assert_int_eq(sw.swapped, 1);
    static const char *const kept[] = {"victim/1.txt", "victim/2.txt", "victim/sub/3.txt",
                                       "aside/a.ics"};
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        char path[2 * PATH_MAX];
        snprintf(path, sizeof(path), "%s/%s", base, kept[i]);
        ck_assert_msg(access(path, F_OK) == 0, "%s was removed", kept[i]);
    }
    ck_assert_msg(access(tree, F_OK) != 0 && errno == ENOENT, "the folder is still there");
    remove_all(base);
    free(base);
}
END_TEST

/* A full disk (a file size limit here) or a stop request: nothing new is
 * published and the previous publication stays whole. */
START_TEST(test_publish_fails_cleanly)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    char month[PATH_MAX];
    snprintf(month, sizeof(month), "%s/2027-03", out);
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct rlimit rl = {4096, 4096};
        signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &rl);
        fx.pub.revision = REVISION + 60;
        enum or_publish_result r = publish(&fx, out, NULL);
        _exit(r == OR_PUBLISH_FAILED && tu_has_diag(&fx.diags, 0, "File too large") ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_int_eq(publication_revision(month), (long)REVISION);

    volatile sig_atomic_t stop = 1;
    fx.pub.revision = REVISION + 120;
    ck_assert_int_eq(publish(&fx, out, &stop), OR_PUBLISH_STOPPED);
    ck_assert_int_eq(publication_revision(month), (long)REVISION);
    char *files = list_files(out);
    ck_assert_ptr_null(strstr(files, "./.2027-03."));
    free(files);

    /* --out naming a file. */
    char file[PATH_MAX];
    snprintf(file, sizeof(file), "%s/2027-03/roster.csv", out);
    struct or_lock *lock = NULL;
    ck_assert_int_eq(or_lock_take(&lock, file, &fx.diags), OR_PUBLISH_FAILED);
    ck_assert(tu_has_diag(&fx.diags, 0, "is not a folder; give --out a folder"));
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* The bundled examples, solved and published: every calendar passes
 * libical's restriction check and its time zone engine. */
START_TEST(test_examples_publish)
{
    static const char *const files[] = {EXAMPLES_DIR "/vilvoorde-mechelen.yaml",
                                        EXAMPLES_DIR "/regional-network.yaml"};
    or_day first = tu_day("2027-10-01"), last = tu_day("2027-10-31");
    struct or_diags diags = {0};
    struct or_department *dept = tu_load_file(files[_i], first, last, &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal;
    struct or_roster *roster;
    ck_assert_int_eq(tu_solve(&roster, &cal, dept, first, last, 3, &diags), 0);
    struct fixture fx = {.dept = dept, .cal = cal, .roster = roster};
    fx.pub = (struct or_publication){dept, cal, roster, REVISION, false, NULL, NULL, 0, NULL, NULL};
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char month[PATH_MAX];
    snprintf(month, sizeof(month), "%s/2027-10", out);
    char *list = list_files(month);
    size_t calendars_read = 0, events = 0;
    for (char *line = list; *line;) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        if (strstr(line, ".ics")) {
            char path[2 * PATH_MAX];
            snprintf(path, sizeof(path), "%s/%s", month, line + 2);
            char *text = tu_read_file(path);
            ck_assert_ptr_nonnull(text);
            check_lines(line, text);
            events += check_times(line, text, cal, dept->timezone);
            calendars_read++;
            free(text);
        }
        line = nl + 1;
    }
    ck_assert_uint_eq(calendars_read, dept->nspecialists + dept->ncampuses + 1);
    ck_assert_uint_gt(events, 2 * cal->nocc);
    free(list);
    remove_all(out);
    free(out);
    fx.diags = diags;
    fixture_free(&fx);
}
END_TEST

/* A month folder that is a link is refused, never followed; a month a
 * killed run had moved aside is put back, whatever month is published. */
START_TEST(test_publish_odd_folders)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    char path[2 * PATH_MAX], cmd[4 * PATH_MAX];
    snprintf(cmd, sizeof(cmd),
             "mkdir -p '%s/www' && echo keep > '%s/www/index.html' && ln -s www '%s/2027-03' && "
             "mkdir '%s/.2026-12.old-99' && echo old > '%s/.2026-12.old-99/summary.json'",
             out, out, out, out, out);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_FAILED);
    ck_assert(tu_has_diag(&fx.diags, 0,
                          "it is a symbolic link, not a folder oncoroster wrote; "
                          "move it away and run again"));
    snprintf(path, sizeof(path), "%s/www/index.html", out);
    char *kept = tu_read_file(path);
    ck_assert_ptr_nonnull(kept);
    ck_assert_str_eq(kept, "keep\n");
    free(kept);
    snprintf(path, sizeof(path), "%s/2026-12/summary.json", out);
    char *old = tu_read_file(path);
    ck_assert_ptr_nonnull(old);
    ck_assert_str_eq(old, "old\n");
    free(old);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* Recovery puts back only real folders that a killed run moved aside: a
 * link or a file planted under such a name is removed (itself, never what
 * it points to) with a warning, and the month publishes. */
START_TEST(test_recover_planted)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    char path[2 * PATH_MAX], cmd[4 * PATH_MAX];
    snprintf(cmd, sizeof(cmd),
             "mkdir -p '%s/www' && echo keep > '%s/www/index.html' && "
             "ln -s www '%s/.2027-03.old-99' && echo x > '%s/.2026-12.old-5' && "
             "ln -s www '%s/.2027-03.new-abcdef'",
             out, out, out, out, out);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char *text = tu_diags_text(&fx.diags);
    snprintf(path, sizeof(path), "removed '%s/.2027-03.old-99': it was a symbolic link", out);
    ck_assert_msg(strstr(text, path), "%s", text);
    snprintf(path, sizeof(path), "removed '%s/.2026-12.old-5': it was a file", out);
    ck_assert_msg(strstr(text, path), "%s", text);
    free(text);
    ck_assert_int_eq(fx.diags.errors, 0);
    struct stat st;
    snprintf(path, sizeof(path), "%s/2027-03", out);
    ck_assert(lstat(path, &st) == 0 && S_ISDIR(st.st_mode));
    ck_assert_int_eq(publication_revision(path), (long)REVISION);
    snprintf(path, sizeof(path), "%s/2026-12", out);
    ck_assert_int_eq(lstat(path, &st), -1);
    snprintf(path, sizeof(path), "%s/www/index.html", out);
    char *kept = tu_read_file(path);
    ck_assert_ptr_nonnull(kept);
    ck_assert_str_eq(kept, "keep\n");
    free(kept);
    static const char *const gone[] = {".2027-03.old-99", ".2026-12.old-5", ".2027-03.new-abcdef"};
    for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", out, gone[i]);
        ck_assert_msg(lstat(path, &st) == -1, "%s is still there", gone[i]);
    }
    /* The next run has nothing to say. */
    or_diags_clear(&fx.diags);
    fx.pub.revision = REVISION + 100;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    ck_assert_uint_eq(fx.diags.count, 0);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

static char *read_in(const char *dir, const char *rel)
{
    char path[2 * PATH_MAX];
    snprintf(path, sizeof(path), "%s/2027-03/%s", dir, rel);
    return tu_read_file(path);
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The event (BEGIN..END:VEVENT) of a calendar text that contains `needle`;
 * the caller frees it. */
static char *event_with(const char *text, const char *needle)
{
    for (const char *p = text; (p = strstr(p, "BEGIN:VEVENT")) != NULL; p++) {
        const char *end = strstr(p, "END:VEVENT");
        ck_assert_ptr_nonnull(end);
        char *ev = strndup(p, (size_t)(end - p));
        if (strstr(ev, needle))
            return ev;
        free(ev);
    }
    return NULL;
}

/* Publishing over a publication updates calendars in place. */
START_TEST(test_publish_updates_in_place)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    const char *hvdb_file = "specialists/dr-helene-van-den-broeck.ics";
    const char *lz_file = "specialists/dr-lukasz-zolc.ics";
    char *before[7];
    for (size_t i = 0; i < 7; i++)
        before[i] = read_in(out, calendars[i]);

    /* The same roster again, later: not a byte changes in any calendar. */
    fx.pub.revision = REVISION + 100;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    for (size_t i = 0; i < 7; i++) {
        char *now = read_in(out, calendars[i]);
        ck_assert_msg(strcmp(now, before[i]) == 0, "%s changed", calendars[i]);
        free(now);
    }

    /* Tuesday 9 March goes from Hélène to Łukasz. */
    size_t o = 0;
    while (!(fx.cal->occ[o].day == tu_day("2027-03-09")))
        o++;
    int hvdb = or_department_specialist(fx.dept, "hvdb"),
        lz = or_department_specialist(fx.dept, "lz");
    ck_assert_int_eq(fx.roster->staff[o][0], hvdb);
    fx.roster->staff[o][0] = lz;
    fx.pub.revision = REVISION + 200;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char *h = read_in(out, hvdb_file), *l = read_in(out, lz_file);
    char *d = read_in(out, "department.ics");
    char *gone = event_with(h, "STATUS:CANCELLED");
    ck_assert_ptr_nonnull(gone);
    ck_assert_ptr_nonnull(strstr(gone, "DTSTART;TZID=Europe/Brussels:20270309T083000"));
    ck_assert_ptr_nonnull(strstr(gone, "SEQUENCE:1\r\n"));
    ck_assert_ptr_nonnull(strstr(gone, "DTSTAMP:20270101T000320Z\r\n"));
    ck_assert_uint_eq(count_of(h, "BEGIN:VEVENT"), count_of(before[3], "BEGIN:VEVENT"));
    char *came = event_with(l, "20270309T083000");
    ck_assert_ptr_nonnull(came);
    ck_assert_ptr_nonnull(strstr(came, "SEQUENCE:0\r\n"));
    ck_assert_ptr_nonnull(strstr(came, "STATUS:CONFIRMED"));
    char *moved = event_with(d, "20270309T083000");
    ck_assert_ptr_nonnull(moved);
    ck_assert_ptr_nonnull(strstr(moved, "SEQUENCE:1\r\n"));
    ck_assert_ptr_nonnull(strstr(moved, "Dr. Łukasz Żółć"));
    /* The department calendar keeps the UID of the slot; nothing else moved. */
    char *was = event_with(before[0], "20270309T083000");
    ck_assert_str_eq(strstr(moved, "UID:"), strstr(moved, "UID:")); /* present */
    ck_assert_int_eq(strncmp(strstr(moved, "UID:"), strstr(was, "UID:"), 40), 0);
    ck_assert_uint_eq(count_of(d, "SEQUENCE:1\r\n"), 1);
    ck_assert_uint_eq(count_of(d, "SEQUENCE:0\r\n"), count_of(before[0], "SEQUENCE:0\r\n") - 1);
    ck_assert_uint_eq(count_of(d, "DTSTAMP:20270101T000000Z"), 12);
    free(gone);
    free(came);
    free(moved);
    free(was);
    free(h);
    free(l);
    free(d);

    /* Next revision: the cancellation has been published once; it goes. */
    fx.pub.revision = REVISION + 300;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    h = read_in(out, hvdb_file);
    d = read_in(out, "department.ics");
    ck_assert_ptr_null(strstr(h, "CANCELLED"));
    ck_assert_uint_eq(count_of(h, "BEGIN:VEVENT"), count_of(before[3], "BEGIN:VEVENT") - 1);
    moved = event_with(d, "20270309T083000");
    ck_assert_ptr_nonnull(strstr(moved, "DTSTAMP:20270101T000320Z\r\n"));
    free(moved);
    free(h);
    free(d);

    /* The session comes back to Hélène: its SEQUENCE goes on from the
     * cancellation, which importing clients would otherwise keep. */
    fx.roster->staff[o][0] = hvdb;
    fx.pub.revision = REVISION + 400;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    h = read_in(out, hvdb_file);
    char *back = event_with(h, "20270309T083000");
    ck_assert_ptr_nonnull(back);
    ck_assert_ptr_nonnull(strstr(back, "SEQUENCE:2\r\n"));
    ck_assert_ptr_nonnull(strstr(back, "STATUS:CONFIRMED"));
    ck_assert_ptr_null(strstr(h, "X-ONCOROSTER-RETIRED"));
    free(back);
    free(h);
    for (size_t i = 0; i < 7; i++)
        free(before[i]);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* A calendar whose owner left the department: its events are cancelled
 * once, then the file goes. */
START_TEST(test_publish_orphan_calendar)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char cmd[4 * PATH_MAX];
    snprintf(cmd, sizeof(cmd),
             "sed 's/\\(UID:.\\{8\\}\\)/\\1/; s/^UID:\\(.*\\)$/UID:old-\\1/' "
             "'%s/2027-03/specialists/dr-helene-van-den-broeck.ics' > "
             "'%s/2027-03/specialists/dr-gone.ics'",
             out, out);
    ck_assert_int_eq(system(cmd), 0);
    fx.pub.revision = REVISION + 100;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char *gone = read_in(out, "specialists/dr-gone.ics");
    ck_assert_ptr_nonnull(gone);
    ck_assert_uint_eq(count_of(gone, "STATUS:CANCELLED"), count_of(gone, "BEGIN:VEVENT"));
    ck_assert_uint_gt(count_of(gone, "STATUS:CANCELLED"), 3);
    ck_assert_ptr_nonnull(strstr(gone, "X-WR-CALNAME:Dr. Hélène Van den Broeck — Oncologie "
                                       "Noord\\, Zuid\\; proef\r\n"));
    free(gone);
    fx.pub.revision = REVISION + 200;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    ck_assert_ptr_null(read_in(out, "specialists/dr-gone.ics"));
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* A damaged or hand-broken previous publication stops the run with the
 * file and line, and stays as it is. */
struct damage_case {
    const char *file;
    const char *sed;
    int line;
    const char *message;
};

static const struct damage_case damage_cases[] = {
    {"specialists/etc-passwd.ics", "1,$c garbage", 1, "it is not an iCalendar file"},
    {"specialists/etc-passwd.ics", "/^UID:/d", -1, "an event has no UID"},
    {"department.ics", "0,/^SEQUENCE:/s/^SEQUENCE:.*/SEQUENCE:-4/", -2,
     "a SEQUENCE is not a whole number below 1000000"},
    {"department.ics", "0,/^SEQUENCE:/s/^SEQUENCE:.*/SEQUENCE:2147483648/", -2,
     "a SEQUENCE is not a whole number below 1000000"},
    {"campuses/az-sint-maarten.ics",
     "s/^DTSTART;TZID=Europe\\/Brussels:2027/DTSTART;TZID=Europe\\/Brussels:XX/", 0,
     "libical cannot read parts"},
};

START_TEST(test_publish_damaged_previous)
{
    const struct damage_case *dc = &damage_cases[_i];
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char cmd[4 * PATH_MAX];
    snprintf(cmd, sizeof(cmd), "sed -i '%s' '%s/2027-03/%s'", dc->sed, out, dc->file);
    ck_assert_int_eq(system(cmd), 0);
    char *damaged = read_in(out, dc->file);
    fx.pub.revision = REVISION + 100;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_DAMAGED);
    char *text = tu_diags_text(&fx.diags);
    ck_assert_msg(strstr(text, dc->message) && strstr(text, dc->file), "%s", text);
    ck_assert_msg(strstr(text, "the previous publication is damaged"), "%s", text);
    int line = dc->line;
    if (line < 0) { /* the first event's, or its first SEQUENCE's */
        const char *at = strstr(damaged, line == -1 ? "BEGIN:VEVENT" : "\nSEQUENCE:");
        line = line == -1 ? 1 : 2;
        for (const char *p = damaged; p < at; p++)
            line += *p == '\n';
    }
    ck_assert_int_eq(fx.diags.items[0].line, line);
    free(text);
    char *after = read_in(out, dc->file);
    ck_assert_str_eq(after, damaged);
    char *summary = read_in(out, "summary.json");
    ck_assert_ptr_nonnull(strstr(summary, "\"published\": \"2027-01-01T00:00:00Z\""));
    free(summary);
    free(after);
    free(damaged);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* The text with folded lines joined again (RFC 5545 3.1). */
static char *unfolded(const char *text)
{
    char *out = strdup(text), *w = out;
    ck_assert_ptr_nonnull(out);
    for (const char *p = text; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
            p += 2;
            continue;
        }
        *w++ = *p;
    }
    *w = '\0';
    return out;
}

/* The feeds (<out>/feeds/): every month in the window, each event once;
 * months before the window left out; a damaged month in the window keeps
 * the feeds as they were while the month itself is published; leftovers
 * of a killed run and a planted link are dealt with. */
START_TEST(test_publish_feeds)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char *month = read_in(out, "department.ics");
    size_t events = count_of(month, "BEGIN:VEVENT");
    ck_assert_uint_gt(events, 10);
    char *feed = read_in(out, "../feeds/department.ics");
    ck_assert_uint_eq(count_of(feed, "BEGIN:VEVENT"), events);
    char *plain = unfolded(feed);
    ck_assert_ptr_nonnull(strstr(plain, "every month published from March 2027 on"));
    free(plain);
    free(feed);

    /* September 2026, as if published then (other UIDs): outside a window
     * of no past month (the run's time is January 2027), inside one of 4. */
    char cmd[4 * PATH_MAX];
    snprintf(cmd, sizeof(cmd),
             "cp -r '%s/2027-03' '%s/2026-09' && sed -i 's/^UID:/UID:old-/' "
             "'%s/2026-09/department.ics' && mkdir '%s/.feeds.new-killed'",
             out, out, out, out);
    ck_assert_int_eq(system(cmd), 0);
    fx.pub.revision = REVISION + 100;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    feed = read_in(out, "../feeds/department.ics");
    ck_assert_uint_eq(count_of(feed, "BEGIN:VEVENT"), events);
    free(feed);
    struct stat st;
    snprintf(cmd, sizeof(cmd), "%s/.feeds.new-killed", out);
    ck_assert_int_ne(lstat(cmd, &st), 0); /* a killed run's leftover, removed */
    fx.pub.feed_past = 4;
    fx.pub.revision = REVISION + 200;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    feed = read_in(out, "../feeds/department.ics");
    ck_assert_uint_eq(count_of(feed, "BEGIN:VEVENT"), 2 * events);
    ck_assert_uint_eq(count_of(feed, "UID:old-"), events);
    plain = unfolded(feed);
    ck_assert_ptr_nonnull(strstr(plain, "from September 2026 on"));
    free(plain);
    /* Oldest month first. */
    ck_assert_ptr_eq(strstr(feed, "\nUID:"), strstr(feed, "\nUID:old-"));
    free(feed);
    /* A May copied by hand with March's UIDs: still each event once. */
    snprintf(cmd, sizeof(cmd), "cp -r '%s/2027-03' '%s/2027-05'", out, out);
    ck_assert_int_eq(system(cmd), 0);
    fx.pub.revision = REVISION + 300;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    feed = read_in(out, "../feeds/department.ics");
    ck_assert_uint_eq(count_of(feed, "BEGIN:VEVENT"), 2 * events);

    /* September damaged: March is published, the feeds stay as they were. */
    snprintf(cmd, sizeof(cmd), "sed -i '0,/^UID:/{/^UID:/d}' '%s/2026-09/department.ics'", out);
    ck_assert_int_eq(system(cmd), 0);
    fx.pub.revision = REVISION + 400;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_NO_FEEDS);
    char *text = tu_diags_text(&fx.diags);
    ck_assert_msg(strstr(text, "2026-09/department.ics"), "%s", text);
    free(text);
    or_diags_clear(&fx.diags);
    char *after = read_in(out, "../feeds/department.ics");
    ck_assert_str_eq(after, feed);
    free(after);
    char *summary = read_in(out, "summary.json");
    ck_assert_ptr_nonnull(strstr(summary, "\"published\": \"2027-01-01T00:06:40Z\""));
    free(summary);

    /* feeds/ replaced by a link: refused, nothing written through it. */
    snprintf(cmd, sizeof(cmd),
             "rm -rf '%s/2026-09' '%s/feeds' && mkdir '%s/elsewhere' && ln -s elsewhere '%s/feeds'",
             out, out, out, out);
    ck_assert_int_eq(system(cmd), 0);
    fx.pub.revision = REVISION + 500;
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_NO_FEEDS);
    text = tu_diags_text(&fx.diags);
    ck_assert_msg(strstr(text, "symbolic link"), "%s", text);
    free(text);
    snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A '%s/elsewhere')\"", out);
    ck_assert_int_eq(system(cmd), 0);
    free(feed);
    free(month);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

/* Two events with one UID in a previous calendar: refused. */
START_TEST(test_publish_duplicate_uid)
{
    struct fixture fx;
    fixture_load(&fx);
    char *out = temp_dir();
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_OK);
    char path[2 * PATH_MAX];
    snprintf(path, sizeof(path), "%s/2027-03/specialists/dr-helene-van-den-broeck.ics", out);
    char *text = tu_read_file(path);
    char *first = strstr(text, "BEGIN:VEVENT"), *end = strstr(first, "END:VEVENT\r\n") + 12;
    FILE *f = fopen(path, "wb");
    fprintf(f, "%.*s%.*s%s", (int)(end - text), text, (int)(end - first), first, end);
    fclose(f);
    ck_assert_int_eq(publish(&fx, out, NULL), OR_PUBLISH_DAMAGED);
    ck_assert(tu_has_diag(&fx.diags, 0, "two events have one UID"));
    free(text);
    remove_all(out);
    free(out);
    fixture_free(&fx);
}
END_TEST

static Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("output");
    tcase_add_loop_test(tc, test_slug, 0, (int)(sizeof(slug_cases) / sizeof(slug_cases[0])));
    tcase_add_test(tc, test_slug_is_bounded);
    tcase_add_test(tc, test_slug_namesakes);
    tcase_add_test(tc, test_roster_text);
    suite_add_tcase(s, tc);
    TCase *pub = tcase_create("publication");
    tcase_set_timeout(pub, 120);
    tcase_add_test(pub, test_uuid);
    tcase_add_test(pub, test_golden);
    tcase_add_test(pub, test_ics_readers);
    tcase_add_test(pub, test_escaping);
    tcase_add_test(pub, test_csv_formula_injection);
    tcase_add_test(pub, test_words_match);
    tcase_add_test(pub, test_languages);
    tcase_add_test(pub, test_html_views);
    tcase_add_test(pub, test_reasons_capped);
    tcase_add_loop_test(pub, test_vtimezone_zones, 0,
                        (int)(sizeof(zone_cases) / sizeof(zone_cases[0])));
    tcase_add_test(pub, test_unsafe_names);
    tcase_add_loop_test(pub, test_examples_publish, 0, 2);
    tcase_add_test(pub, test_publish_kill);
    tcase_add_test(pub, test_lock_busy);
    tcase_add_test(pub, test_lock_planted);
    tcase_add_test(pub, test_lock_private);
    tcase_add_test(pub, test_remove_tree_never_follows);
    tcase_add_test(pub, test_publish_fails_cleanly);
    tcase_add_test(pub, test_publish_odd_folders);
    tcase_add_test(pub, test_recover_planted);
    tcase_add_test(pub, test_publish_updates_in_place);
    tcase_add_test(pub, test_publish_orphan_calendar);
    tcase_add_test(pub, test_publish_duplicate_uid);
    tcase_add_test(pub, test_publish_feeds);
    tcase_add_loop_test(pub, test_publish_damaged_previous, 0,
                        (int)(sizeof(damage_cases) / sizeof(damage_cases[0])));
    suite_add_tcase(s, pub);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(output_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
