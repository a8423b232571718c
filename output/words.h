/*
 * words.h - everything a person reads in the publication (calendars, the
 * HTML pages, the spreadsheet's headers) in the department's language:
 * English, Dutch or French.  Messages of the command line stay English.
 *
 * A word with printf conversions has the same conversions, in the same
 * order, in every language (tests/check_output.c holds them to it).
 */
#ifndef ONCOROSTER_WORDS_H
#define ONCOROSTER_WORDS_H

#include "scheduler.h"

enum word {
    /* Calendars */
    W_ICS_CAMPUS,   /* "Campus: %s%s%s\n": name, ", " or "", address */
    W_ICS_REQUIRES, /* "Requires:" */
    W_ICS_WITH,
    W_ICS_STAFF,
    W_NOBODY,
    W_ICS_NEEDS,    /* " (needs %d" */
    W_ICS_NEEDS_TO, /* " to %d" */
    W_ICS_UNFILLED_ONE,
    W_ICS_UNFILLED_MANY,
    W_ICS_FOOTER, /* "%s roster, published by oncoroster" */
    W_ICS_SUMMARY_UNFILLED,
    W_ICS_SESSIONS_OF,
    W_ICS_EVERY_ON_CAMPUS,
    W_ICS_EVERY,
    W_ICS_IN_MONTH, /* " in %s %d, rostered by oncoroster for %s." */
    W_ICS_FEED,     /* "%s: every month published from %s %d on, ..." */
    /* The overview's result */
    W_META,
    W_RES_OPTIMAL,
    W_RES_FOUND_GAP,
    W_RES_FOUND_TIME,
    W_RES_IS_BEST,
    W_RES_AT_MOST_ONE,
    W_RES_AT_MOST_MANY,
    W_RES_UNKNOWN,
    W_RES_FAILED,
    W_RES_SWAPPED,
    W_SOFT_OVER_ONE,
    W_SOFT_OVER_MANY,
    W_SOFT_HOURS_ONE,
    W_SOFT_HOURS_MANY,
    W_SOFT_SERIES_ONE,
    W_SOFT_SERIES_MANY,
    W_SOFT_FAIR_ONE,
    W_SOFT_FAIR_MANY,
    W_SOFT_BALANCE_ONE,
    W_SOFT_BALANCE_MANY,
    W_SOFT_CAMPUS_ONE,
    W_SOFT_CAMPUS_MANY,
    W_SOFT_CHANGES_ONE,
    W_SOFT_CHANGES_MANY,
    W_GIVES_WAY,
    W_WISHES_GRANTED_ONE,
    W_WISHES_GRANTED_MANY,
    W_WISHES_BROKEN_ONE,
    W_WISHES_BROKEN_MANY,
    W_PENALTY,
    W_NO_FEWER,
    W_UNFILLED_RED_ONE,
    W_UNFILLED_RED_MANY,
    /* Campus pages */
    W_PRINT_META, /* ": roster %s to %s" after the department's name */
    W_ACTIVITY,
    W_OPEN, /* "%d open" */
    W_HOLIDAYS_CLOSURES,
    W_CLOSED,
    W_CHANGED_MARK, /* title of a changed cell's mark */
    W_LEGEND_MARKS, /* what red and the mark mean */
    /* Totals */
    W_PER_SPECIALIST,
    W_TOTALS,
    W_CODE,
    W_NAME,
    W_FTE,
    W_SESSIONS,
    W_FAIR,
    W_ON_CALL,
    W_WEEKEND,
    W_HOLIDAY,
    W_SERIES,
    W_SHARED_FAIRLY,
    W_OUTSIDE_RANGE,
    W_NOTE,
    W_TOTALS_NOTE,
    W_ABOVE,           /* "%g above the fair range %s" */
    W_BELOW,           /* "%g below the fair range %s" */
    W_DUTY_ABOVE,      /* "%s: %d above the fair share %s" */
    W_DUTY_BELOW,      /* "%s: %d below the fair share %s" */
    W_BECAUSE_FTE,     /* "range for %.2f FTE" */
    W_BECAUSE_LEAVE,   /* "on leave %d of %d days" */
    W_BECAUSE_CARRY_P, /* "%g carried over from earlier months" */
    W_BECAUSE_CARRY_M,
    /* Changes */
    W_CHANGES_TITLE,
    W_DATE,
    W_SESSION,
    W_CAMPUS,
    W_BEFORE,
    W_NOW,
    W_HISTORY_TITLE, /* every change of the month, over all publications */
    W_PUBLISHED,
    W_WHY,
    W_WHY_LEAVE,
    W_WHY_PIN,
    W_WHY_UNAVAILABLE,
    W_WHY_REPLAN,
    W_WHY_SWAP,
    /* Views */
    W_VIEWS,
    W_CAMPUSES,
    W_WEEKS_TITLE,
    W_WEEK, /* "Week %d: %s to %s" */
    W_TODAY,
    W_TONIGHT,
    W_DAY,
    W_UNFILLED_TITLE,
    W_UNFILLED_INTRO,
    W_UNFILLED_NONE,
    W_COULD_NOT,
    /* A specialist's page */
    W_PERSON_MONTH,
    W_TIME,
    W_WITH,
    W_NO_SESSIONS,
    W_SUBSCRIBE, /* link to their calendar */
    /* Requests */
    W_REQUESTS_TITLE,
    W_REQUESTS_INTRO,
    W_THEIR_REQUESTS,
    W_SPECIALIST,
    W_REQUEST,
    W_ANSWER,
    W_REQUEST_OFF,
    W_REQUEST_PREFER,
    W_REQUEST_AVOID,
    W_ANY_SESSION,
    W_GRANTED,
    W_NOT_GRANTED,
    W_KEPT_AS_LEAVE,
    W_MORNING,
    W_AFTERNOON,
    W_OVERVIEW, /* back to the overview */
    W_THEIR_CHANGES,
    W_NO_CHANGES,
    /* Messages to the people concerned */
    W_MAIL_SUBJECT, /* "Roster %s %d: %d of your sessions changed" */
    W_MAIL_OPENING, /* "Dear %s,\n\nthe roster of %s %d was published again ..." */
    W_MAIL_ATTACHED,
    /* The spreadsheet */
    W_CSV_HEADER,
    NWORDS
};

/* The department's language (resolved). */
const char *tr(const struct or_department *dept, enum word w);
/* "Mo" .. "Su", "January" .. "December", and the HTML lang code. */
const char *tr_weekday(const struct or_department *dept, int wd);
const char *tr_month(const struct or_department *dept, int month);
const char *tr_code(const struct or_department *dept);
/* A number as people of the language write it: "%g" (or "%.2f" when
 * `two` is set) with a decimal comma in Dutch and French. */
const char *tr_number(const struct or_department *dept, double v, bool two, char buf[32]);
/* For the tests: the word in one language. */
const char *words_in(enum or_language lang, enum word w);

#endif
