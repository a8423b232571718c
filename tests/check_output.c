/*
 * check_output.c - what output/ makes of a roster: safe file names from any
 * name, and the roster and its unfilled places as text.
 */
#include "output.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

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
                      "  - {id: bart, name: Dr. Bart Janssens}\n",
                      tu_day("2027-01-04"), tu_day("2027-01-10"), &diags);
    ck_assert_ptr_nonnull(dept);
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-04"), tu_day("2027-01-10"), &diags), 0);
    struct or_solve_options opt = {10, 0, NULL, NULL, NULL, NULL};
    struct or_roster *roster = NULL;
    ck_assert_int_eq(or_solve(&roster, dept, cal, &opt, &diags), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_int_eq(or_write_roster_text(f, dept, cal, roster), 0);
    ck_assert_int_eq(or_write_shortfall_text(f, dept, cal, roster), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "2027-01-05 tue\n  08:30-12:30  Borstraadpleging"));
    ck_assert_ptr_nonnull(strstr(text, "Dr. An Peeters, [1 UNFILLED]"));
    ck_assert_ptr_nonnull(strstr(text, "1 place unfilled:\n  2027-01-05 08:30 Borstraadpleging at "
                                       "AZ Jan Portaels: 1 missing\n"
                                       "      Dr. Els Mertens: on leave\n"
                                       "      1 other: lack the skill"));
    free(text);
    or_roster_free(roster);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

static Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("output");
    tcase_add_loop_test(tc, test_slug, 0, (int)(sizeof(slug_cases) / sizeof(slug_cases[0])));
    tcase_add_test(tc, test_slug_is_bounded);
    tcase_add_test(tc, test_roster_text);
    suite_add_tcase(s, tc);
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
