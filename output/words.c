/*
 * words.c - the words of the publication in English, Dutch and French.
 * English is what oncoroster always wrote; Dutch follows the Flemish usage
 * of the hospitals it serves ("rooster", "wachtdienst"), French the
 * Belgian one ("garde", "site").
 */
#include "words.h"

#include <stdio.h>
#include <string.h>

struct trio {
    const char *en, *nl, *fr;
};

static const struct trio words[NWORDS] = {
    [W_ICS_CAMPUS] = {"Campus: %s%s%s\n", "Campus: %s%s%s\n", "Site : %s%s%s\n"},
    [W_ICS_REQUIRES] = {"Requires:", "Vereist:", "Requiert :"},
    [W_ICS_WITH] = {"With: ", "Met: ", "Avec : "},
    [W_ICS_STAFF] = {"Staff: ", "Bezetting: ", "\xc3\x89quipe : "},
    [W_NOBODY] = {"nobody", "niemand", "personne"},
    [W_ICS_NEEDS] = {" (needs %d", " (nodig: %d", " (requis : %d"},
    [W_ICS_NEEDS_TO] = {" to %d", " tot %d", " \xc3\xa0 %d"},
    [W_ICS_UNFILLED_ONE] = {"UNFILLED: %d place. Nobody else could take it:\n",
                            "NIET INGEVULD: %d plaats. Niemand anders kon ze nemen:\n",
                            "NON POURVU : %d place. Personne d'autre ne pouvait la prendre :\n"},
    [W_ICS_UNFILLED_MANY] = {"UNFILLED: %d places. Nobody else could take it:\n",
                             "NIET INGEVULD: %d plaatsen. Niemand anders kon ze nemen:\n",
                             "NON POURVU : %d places. Personne d'autre ne pouvait les prendre :\n"},
    [W_ICS_FOOTER] = {"%s roster, published by oncoroster",
                      "Rooster %s, gepubliceerd door oncoroster",
                      "Planning %s, publi\xc3\xa9 par oncoroster"},
    [W_ICS_SUMMARY_UNFILLED] = {"UNFILLED (%d) ", "NIET INGEVULD (%d) ", "NON POURVU (%d) "},
    [W_ICS_SESSIONS_OF] = {"Sessions of %s", "Sessies van %s", "S\xc3\xa9\x61nces de %s"},
    [W_ICS_EVERY_ON_CAMPUS] = {"Every session on campus %s", "Alle sessies op campus %s",
                               "Toutes les s\xc3\xa9\x61nces du site %s"},
    [W_ICS_EVERY] = {"Every session on every campus", "Alle sessies op alle campussen",
                     "Toutes les s\xc3\xa9\x61nces de tous les sites"},
    [W_ICS_FEED] =
        {"%s: every month published from %s %d on, kept up to date by oncoroster.",
         "%s: elke gepubliceerde maand vanaf %s %d, bijgehouden door oncoroster.",
         "%s : chaque mois publi\xc3\xa9 depuis %s %d, tenu \xc3\xa0 jour par oncoroster."},
    [W_ICS_IN_MONTH] = {" in %s %d, rostered by oncoroster for %s.",
                        " in %s %d, ingeroosterd door oncoroster voor %s.",
                        " en %s %d, planifi\xc3\xa9\x65s par oncoroster pour %s."},

    [W_META] = {"Roster %s to %s, published %s by oncoroster %s.",
                "Rooster van %s tot %s, gepubliceerd op %s door oncoroster %s.",
                "Planning du %s au %s, publi\xc3\xa9 le %s par oncoroster %s."},
    [W_RES_OPTIMAL] = {"The best roster the rules allow (proven).",
                       "Het beste rooster dat de regels toelaten (bewezen).",
                       "Le meilleur planning que les r\xc3\xa8gles permettent (prouv\xc3\xa9)."},
    [W_RES_FOUND_GAP] =
        {"The best roster found within the requested gap",
         "Het beste rooster gevonden binnen de gevraagde marge",
         "Le meilleur planning trouv\xc3\xa9 dans l'\xc3\xa9\x63\x61rt demand\xc3\xa9"},
    [W_RES_FOUND_TIME] = {"The best roster found within the time limit",
                          "Het beste rooster gevonden binnen de tijdslimiet",
                          "Le meilleur planning trouv\xc3\xa9 dans le temps imparti"},
    [W_RES_IS_BEST] = {": the best the rules allow.", ": het beste dat de regels toelaten.",
                       " : le meilleur que les r\xc3\xa8gles permettent."},
    [W_RES_AT_MOST_ONE] = {": at most %.0f penalty point from the best possible.",
                           ": hoogstens %.0f strafpunt van het best mogelijke.",
                           " : au plus %.0f point de p\xc3\xa9nalit\xc3\xa9 du meilleur possible."},
    [W_RES_AT_MOST_MANY] =
        {": at most %.0f penalty points from the best possible.",
         ": hoogstens %.0f strafpunten van het best mogelijke.",
         " : au plus %.0f points de p\xc3\xa9nalit\xc3\xa9 du meilleur possible."},
    [W_RES_UNKNOWN] = {"; how far it is from the best possible is not known.",
                       "; hoe ver het van het best mogelijke ligt, is niet bekend.",
                       " ; sa distance au meilleur possible n'est pas connue."},
    [W_RES_SWAPPED] = {"The published roster with a swap agreed between two specialists; not "
                       "searched again.",
                       "Het gepubliceerde rooster met een ruil tussen twee specialisten; niet "
                       "opnieuw doorzocht.",
                       "La planification publi\xc3\xa9\x65 avec un \xc3\xa9\x63hange entre deux "
                       "sp\xc3\xa9\x63ialistes ; pas recherch\xc3\xa9\x65 \xc3\xa0 nouveau."},
    [W_RES_FAILED] =
        {"A roster built without the optimiser (it failed); every rule holds, but it "
         "may be far from the best.",
         "Een rooster gemaakt zonder de optimalisatie (die faalde); elke regel wordt "
         "nageleefd, maar het kan ver van het beste liggen.",
         "Un planning construit sans l'optimiseur (il a \xc3\xa9\x63hou\xc3\xa9) ; "
         "toutes les r\xc3\xa8gles sont respect\xc3\xa9\x65s, mais il peut \xc3\xaatre "
         "loin du meilleur."},
    [W_SOFT_OVER_ONE] = {"specialist above a minimum staffing",
                         "specialist boven een minimale bezetting",
                         "sp\xc3\xa9\x63ialiste au-del\xc3\xa0 d'un effectif minimal"},
    [W_SOFT_OVER_MANY] = {"specialists above a minimum staffing",
                          "specialisten boven een minimale bezetting",
                          "sp\xc3\xa9\x63ialistes au-del\xc3\xa0 d'un effectif minimal"},
    [W_SOFT_HOURS_ONE] = {"hour below someone's minimum worked time",
                          "uur onder iemands minimale werktijd",
                          "heure sous le temps de travail minimal de quelqu'un"},
    [W_SOFT_HOURS_MANY] = {"hours below someone's minimum worked time",
                           "uren onder iemands minimale werktijd",
                           "heures sous le temps de travail minimal de quelqu'un"},
    [W_SOFT_SERIES_ONE] =
        {"consultation series changed doctor", "consultatiereeks wisselde van arts",
         "s\xc3\xa9rie de consultations a chang\xc3\xa9 de m\xc3\xa9\x64\x65\x63in"},
    [W_SOFT_SERIES_MANY] = {"consultation series changed doctor",
                            "consultatiereeksen wisselden van arts",
                            "s\xc3\xa9ries de consultations ont chang\xc3\xa9 de "
                            "m\xc3\xa9\x64\x65\x63in"},
    [W_SOFT_FAIR_ONE] = {"duty outside someone's fair share", "dienst buiten iemands billijke deel",
                         "garde hors de la juste part de quelqu'un"},
    [W_SOFT_FAIR_MANY] = {"duties outside someone's fair share",
                          "diensten buiten iemands billijke deel",
                          "gardes hors de la juste part de quelqu'un"},
    [W_SOFT_BALANCE_ONE] = {"session outside someone's fair range",
                            "sessie buiten iemands billijke bereik",
                            "s\xc3\xa9\x61nce hors de la plage \xc3\xa9quitable de quelqu'un"},
    [W_SOFT_BALANCE_MANY] = {"sessions outside someone's fair range",
                             "sessies buiten iemands billijke bereik",
                             "s\xc3\xa9\x61nces hors de la plage \xc3\xa9quitable de quelqu'un"},
    [W_SOFT_CAMPUS_ONE] = {"day someone works on another campus than the day before",
                           "dag waarop iemand op een andere campus werkt dan de dag ervoor",
                           "jour o\xc3\xb9 quelqu'un travaille sur un autre site que la veille"},
    [W_SOFT_CAMPUS_MANY] = {"days someone works on another campus than the day before",
                            "dagen waarop iemand op een andere campus werkt dan de dag ervoor",
                            "jours o\xc3\xb9 quelqu'un travaille sur un autre site que la veille"},
    [W_SOFT_CHANGES_ONE] = {"published session changed", "gepubliceerde sessie gewijzigd",
                            "s\xc3\xa9\x61nce publi\xc3\xa9\x65 modifi\xc3\xa9\x65"},
    [W_SOFT_CHANGES_MANY] = {"published sessions changed", "gepubliceerde sessies gewijzigd",
                             "s\xc3\xa9\x61nces publi\xc3\xa9\x65s modifi\xc3\xa9\x65s"},
    [W_GIVES_WAY] = {" Where it gives way: ", " Waar het toegeeft: ",
                     " L\xc3\xa0 o\xc3\xb9 elle c\xc3\xa8\x64\x65 : "},
    [W_WISHES_GRANTED_ONE] = {" Wishes granted outweigh those broken by %d point.",
                              " Ingewilligde wensen wegen %d punt zwaarder dan geweigerde.",
                              " Les souhaits accord\xc3\xa9s l'emportent de %d point sur les "
                              "souhaits refus\xc3\xa9s."},
    [W_WISHES_GRANTED_MANY] = {" Wishes granted outweigh those broken by %d points.",
                               " Ingewilligde wensen wegen %d punten zwaarder dan geweigerde.",
                               " Les souhaits accord\xc3\xa9s l'emportent de %d points sur les "
                               "souhaits refus\xc3\xa9s."},
    [W_WISHES_BROKEN_ONE] = {" Wishes broken outweigh those granted by %d point.",
                             " Geweigerde wensen wegen %d punt zwaarder dan ingewilligde.",
                             " Les souhaits refus\xc3\xa9s l'emportent de %d point sur les "
                             "souhaits accord\xc3\xa9s."},
    [W_WISHES_BROKEN_MANY] = {" Wishes broken outweigh those granted by %d points.",
                              " Geweigerde wensen wegen %d punten zwaarder dan ingewilligde.",
                              " Les souhaits refus\xc3\xa9s l'emportent de %d points sur les "
                              "souhaits accord\xc3\xa9s."},
    [W_PENALTY] = {"(%.0f penalty points", "(%.0f strafpunten",
                   "(%.0f points de p\xc3\xa9nalit\xc3\xa9"},
    [W_NO_FEWER] = {"; no roster can have fewer than %.0f",
                    "; geen rooster kan er minder dan %.0f hebben",
                    " ; aucun planning ne peut en avoir moins de %.0f"},
    [W_UNFILLED_RED_ONE] = {"%d place unfilled: marked in red.",
                            "%d plaats niet ingevuld: in het rood aangeduid.",
                            "%d place non pourvue : marqu\xc3\xa9\x65 en rouge."},
    [W_UNFILLED_RED_MANY] = {"%d places unfilled: marked in red.",
                             "%d plaatsen niet ingevuld: in het rood aangeduid.",
                             "%d places non pourvues : marqu\xc3\xa9\x65s en rouge."},

    [W_PRINT_META] = {": roster %s to %s", ": rooster van %s tot %s", " : planning du %s au %s"},
    [W_ACTIVITY] = {"Activity", "Activiteit", "Activit\xc3\xa9"},
    [W_OPEN] = {"%d open", "%d open", "%d \xc3\xa0 pourvoir"},
    [W_HOLIDAYS_CLOSURES] = {"Public holidays and closures: ", "Feestdagen en sluitingsdagen: ",
                             "Jours f\xc3\xa9ri\xc3\xa9s et fermetures : "},
    [W_CLOSED] = {"closed", "gesloten", "ferm\xc3\xa9"},
    [W_CHANGED_MARK] = {"changed since the last publication",
                        "gewijzigd sinds de vorige publicatie",
                        "modifi\xc3\xa9 depuis la derni\xc3\xa8re publication"},
    [W_LEGEND_MARKS] = {"Red: a place left unfilled (who could have taken it is listed under "
                        "Unfilled places). \xe2\x9c\xb1: changed since the last publication.",
                        "Rood: een plaats die niet ingevuld is (wie ze had kunnen nemen staat "
                        "onder Niet-ingevulde plaatsen). \xe2\x9c\xb1: gewijzigd sinds de vorige "
                        "publicatie.",
                        "Rouge : une place non pourvue (qui aurait pu la prendre figure sous "
                        "Places non pourvues). \xe2\x9c\xb1 : modifi\xc3\xa9 depuis la "
                        "derni\xc3\xa8re publication."},

    [W_TOTALS] = {"Totals", "Totalen", "Totaux"},
    [W_PER_SPECIALIST] = {"Per specialist", "Per specialist", "Par sp\xc3\xa9\x63ialiste"},
    [W_CODE] = {"Code", "Code", "Code"},
    [W_NAME] = {"Name", "Naam", "Nom"},
    [W_FTE] = {"FTE", "VTE", "ETP"},
    [W_SESSIONS] = {"Sessions", "Sessies", "S\xc3\xa9\x61nces"},
    [W_FAIR] = {"Fair", "Billijk", "\xc3\x89quitable"},
    [W_ON_CALL] = {"On call", "Wachtdienst", "Garde"},
    [W_WEEKEND] = {"Weekend", "Weekend", "Week-end"},
    [W_HOLIDAY] = {"Holiday", "Feestdag", "F\xc3\xa9ri\xc3\xa9"},
    [W_SERIES] = {"Series", "Reeksen", "S\xc3\xa9ries"},
    [W_SHARED_FAIRLY] = {"shared fairly", "billijk verdeeld",
                         "partag\xc3\xa9 \xc3\xa9quitablement"},
    [W_OUTSIDE_RANGE] = {"outside the fair range", "buiten het billijke bereik",
                         "hors de la plage \xc3\xa9quitable"},
    [W_NOTE] = {"Note", "Opmerking", "Remarque"},
    [W_TOTALS_NOTE] = {"Sessions count each occurrence by its load; Fair is the range the roster "
                       "aims for after leave and carry-over (counts outside it in bold, with the "
                       "reason under Note); Series is the number of weekly series this "
                       "specialist serves; an activity shared fairly counts its occurrences, or "
                       "its weeks when it keeps one specialist all week.",
                       "Sessies tellen elke sessie naar haar belasting; Billijk is het bereik "
                       "waar het rooster naar streeft na verlof en overdracht (tellingen erbuiten "
                       "vet, met de reden onder Opmerking); Reeksen is het aantal wekelijkse "
                       "reeksen van deze specialist; een billijk verdeelde activiteit telt haar "
                       "sessies, of haar weken als ze een hele week bij \xc3\xa9\xc3\xa9n "
                       "specialist blijft.",
                       "Les s\xc3\xa9\x61nces comptent chaque occurrence selon sa charge ; "
                       "\xc3\x89quitable est la plage vis\xc3\xa9\x65 apr\xc3\xa8s les "
                       "cong\xc3\xa9s et le report (les comptes hors plage en gras, avec la "
                       "raison sous Remarque) ; S\xc3\xa9ries est le nombre de s\xc3\xa9ries "
                       "hebdomadaires de ce sp\xc3\xa9\x63ialiste ; une activit\xc3\xa9 "
                       "partag\xc3\xa9\x65 \xc3\xa9quitablement compte ses occurrences, ou ses "
                       "semaines quand elle garde un sp\xc3\xa9\x63ialiste toute la semaine."},
    [W_ABOVE] = {"%s above the fair range %s", "%s boven het billijke bereik %s",
                 "%s au-dessus de la plage \xc3\xa9quitable %s"},
    [W_BELOW] = {"%s below the fair range %s", "%s onder het billijke bereik %s",
                 "%s sous la plage \xc3\xa9quitable %s"},
    [W_DUTY_ABOVE] = {"%s: %d above the fair share %s", "%s: %d boven het billijke deel %s",
                      "%s : %d au-dessus de la juste part %s"},
    [W_DUTY_BELOW] = {"%s: %d below the fair share %s", "%s: %d onder het billijke deel %s",
                      "%s : %d sous la juste part %s"},
    [W_BECAUSE_FTE] = {"range for %s FTE", "bereik voor %s VTE", "plage pour %s ETP"},
    [W_BECAUSE_LEAVE] = {"on leave %d of %d days", "verlof op %d van %d dagen",
                         "en cong\xc3\xa9 %d jours sur %d"},
    [W_BECAUSE_CARRY_P] =
        {"%s more than the fair share in earlier months",
         "%s meer dan het billijke deel in vorige maanden",
         "%s de plus que la juste part les mois pr\xc3\xa9\x63\xc3\xa9\x64\x65nts"},
    [W_BECAUSE_CARRY_M] =
        {"%s less than the fair share in earlier months",
         "%s minder dan het billijke deel in vorige maanden",
         "%s de moins que la juste part les mois pr\xc3\xa9\x63\xc3\xa9\x64\x65nts"},

    [W_CHANGES_TITLE] = {"Changed since the last publication",
                         "Gewijzigd sinds de vorige publicatie",
                         "Modifi\xc3\xa9 depuis la derni\xc3\xa8re publication"},
    [W_DATE] = {"Date", "Datum", "Date"},
    [W_SESSION] = {"Session", "Sessie", "S\xc3\xa9\x61nce"},
    [W_CAMPUS] = {"Campus", "Campus", "Site"},
    [W_BEFORE] = {"Before", "Voordien", "Avant"},
    [W_NOW] = {"Now", "Nu", "Maintenant"},
    [W_HISTORY_TITLE] = {"Every change this month", "Alle wijzigingen deze maand",
                         "Toutes les modifications du mois"},
    [W_PUBLISHED] = {"Published", "Gepubliceerd", "Publi\xc3\xa9"},
    [W_WHY] = {"Why", "Waarom", "Pourquoi"},
    [W_WHY_LEAVE] = {"leave", "verlof", "cong\xc3\xa9"},
    [W_WHY_PIN] = {"kept off by the department", "uitgesloten door de dienst",
                   "exclu par le service"},
    [W_WHY_UNAVAILABLE] = {"no longer available", "niet meer beschikbaar", "plus disponible"},
    [W_WHY_REPLAN] = {"re-planned", "herplanning", "replanification"},
    [W_WHY_SWAP] = {"swapped", "geruild", "\xc3\xa9\x63hang\xc3\xa9"},

    [W_VIEWS] = {"Views", "Weergaven", "Vues"},
    [W_CAMPUSES] = {"Campuses", "Campussen", "Sites"},
    [W_WEEKS_TITLE] = {"Who is where, week by week", "Wie is waar, week per week",
                       "Qui est o\xc3\xb9, semaine par semaine"},
    [W_WEEK] = {"Week %d: %s to %s", "Week %d: %s tot %s", "Semaine %d : du %s au %s"},
    [W_TODAY] = {"Today", "Vandaag", "Aujourd'hui"},
    [W_TONIGHT] = {"On call", "Wachtdienst", "Garde"},
    [W_DAY] = {"Day", "Dag", "Jour"},
    [W_UNFILLED_TITLE] = {"Unfilled places", "Niet-ingevulde plaatsen", "Places non pourvues"},
    [W_UNFILLED_INTRO] = {"Who could have taken each place, and what stopped them.",
                          "Wie elke plaats had kunnen nemen, en wat hen tegenhield.",
                          "Qui aurait pu prendre chaque place, et ce qui l'en a "
                          "emp\xc3\xaa\x63h\xc3\xa9."},
    [W_UNFILLED_NONE] = {"Every place is filled.", "Elke plaats is ingevuld.",
                         "Toutes les places sont pourvues."},
    [W_COULD_NOT] = {"open", "open", "\xc3\xa0 pourvoir"},

    [W_PERSON_MONTH] = {"%s: sessions from %s to %s", "%s: sessies van %s tot %s",
                        "%s : s\xc3\xa9\x61nces du %s au %s"},
    [W_TIME] = {"Time", "Uur", "Heure"},
    [W_WITH] = {"With", "Met", "Avec"},
    [W_NO_SESSIONS] = {"No sessions this month.", "Geen sessies deze maand.",
                       "Aucune s\xc3\xa9\x61nce ce mois-ci."},
    [W_SUBSCRIBE] = {"Calendar file to import or subscribe to",
                     "Agendabestand om te importeren of op te abonneren",
                     "Fichier agenda \xc3\xa0 importer ou auquel s'abonner"},
    [W_REQUESTS_TITLE] = {"Requests", "Verzoeken", "Demandes"},
    [W_REQUESTS_INTRO] = {"What each specialist asked for in their requests calendar, and whether "
                          "this roster grants it.",
                          "Wat elke specialist vroeg in de eigen verzoekenagenda, en of dit "
                          "rooster het toekent.",
                          "Ce que chaque sp\xc3\xa9\x63ialiste a demand\xc3\xa9 dans son agenda de "
                          "demandes, et si ce planning l'accorde."},
    [W_THEIR_REQUESTS] = {"Your requests", "Uw verzoeken", "Vos demandes"},
    [W_SPECIALIST] = {"Specialist", "Specialist", "Sp\xc3\xa9\x63ialiste"},
    [W_REQUEST] = {"Request", "Verzoek", "Demande"},
    [W_ANSWER] = {"Answer", "Antwoord", "R\xc3\xa9ponse"},
    [W_REQUEST_OFF] = {"day off", "vrij", "cong\xc3\xa9"},
    [W_REQUEST_PREFER] = {"prefers", "liefst", "pr\xc3\xa9\x66\xc3\xa8re"},
    [W_REQUEST_AVOID] = {"avoids", "liever niet", "\xc3\xa9vite"},
    [W_ANY_SESSION] = {"any session", "elke sessie", "toute s\xc3\xa9\x61nce"},
    [W_GRANTED] = {"granted", "toegekend", "accord\xc3\xa9\x65"},
    [W_NOT_GRANTED] = {"not granted", "niet toegekend", "non accord\xc3\xa9\x65"},
    [W_KEPT_AS_LEAVE] = {"kept as leave", "gehouden als verlof", "tenue comme cong\xc3\xa9"},
    [W_MORNING] = {"morning", "voormiddag", "matin"},
    [W_AFTERNOON] = {"afternoon", "namiddag", "apr\xc3\xa8s-midi"},
    [W_OVERVIEW] = {"The whole roster", "Het hele rooster", "Tout le planning"},
    [W_THEIR_CHANGES] = {"Changes since the last publication",
                         "Wijzigingen sinds de vorige publicatie",
                         "Modifications depuis la derni\xc3\xa8re publication"},
    [W_NO_CHANGES] = {"Nothing changed since the last publication.",
                      "Niets gewijzigd sinds de vorige publicatie.",
                      "Rien n'a chang\xc3\xa9 depuis la derni\xc3\xa8re publication."},

    [W_MAIL_SUBJECT] = {"Roster %s %d: %d of your sessions changed",
                        "Rooster %s %d: %d van uw sessies gewijzigd",
                        "Planning %s %d : %d de vos s\xc3\xa9\x61nces modifi\xc3\xa9\x65s"},
    [W_MAIL_OPENING] = {"Dear %s,\n\nthe roster of %s %d was published again. What changed for "
                        "you (before -> now):\n\n",
                        "Beste %s,\n\nhet rooster van %s %d werd opnieuw gepubliceerd. Wat er "
                        "voor u veranderde (voordien -> nu):\n\n",
                        "Bonjour %s,\n\nla planification de %s %d a \xc3\xa9t\xc3\xa9 "
                        "republi\xc3\xa9\x65. Ce qui change pour vous (avant -> maintenant) :\n\n"},
    [W_MAIL_ATTACHED] =
        {"\nThe attached calendar files update these sessions in your agenda; a "
         "subscribed roster calendar follows by itself.\n",
         "\nDe bijgevoegde agendabestanden werken deze sessies bij in uw agenda; "
         "een geabonneerde roosteragenda volgt vanzelf.\n",
         "\nLes fichiers de calendrier joints mettent ces s\xc3\xa9\x61nces "
         "\xc3\xa0 jour dans votre agenda ; un calendrier de planning abonn\xc3\xa9 "
         "suit de lui-m\xc3\xaame.\n"},
    [W_CSV_HEADER] = {"Date;Start;End;Campus;Activity;Specialist;Unfilled",
                      "Datum;Begin;Einde;Campus;Activiteit;Specialist;Niet ingevuld",
                      "Date;D\xc3\xa9\x62ut;Fin;Site;Activit\xc3\xa9;Sp\xc3\xa9\x63ialiste;"
                      "Non pourvu"},
};

static const char *pick(const struct trio *t, enum or_language lang)
{
    switch (lang) {
    case OR_LANG_NL:
        return t->nl;
    case OR_LANG_FR:
        return t->fr;
    default:
        return t->en;
    }
}

const char *words_in(enum or_language lang, enum word w)
{
    return w >= 0 && w < NWORDS && words[w].en ? pick(&words[w], lang) : "";
}

const char *tr(const struct or_department *dept, enum word w)
{
    return words_in(dept->language, w);
}

const char *tr_weekday(const struct or_department *dept, int wd)
{
    static const struct trio days[7] = {
        {"Mo", "ma", "lu"}, {"Tu", "di", "ma"}, {"We", "wo", "me"}, {"Th", "do", "je"},
        {"Fr", "vr", "ve"}, {"Sa", "za", "sa"}, {"Su", "zo", "di"},
    };
    return pick(&days[(wd % 7 + 7) % 7], dept->language);
}

const char *tr_month(const struct or_department *dept, int month)
{
    static const struct trio months[12] = {
        {"January", "januari", "janvier"},
        {"February", "februari", "f\xc3\xa9vrier"},
        {"March", "maart", "mars"},
        {"April", "april", "avril"},
        {"May", "mei", "mai"},
        {"June", "juni", "juin"},
        {"July", "juli", "juillet"},
        {"August", "augustus", "ao\xc3\xbbt"},
        {"September", "september", "septembre"},
        {"October", "oktober", "octobre"},
        {"November", "november", "novembre"},
        {"December", "december", "d\xc3\xa9\x63\x65mbre"},
    };
    return pick(&months[((month - 1) % 12 + 12) % 12], dept->language);
}

const char *tr_number(const struct or_department *dept, double v, bool two, char buf[32])
{
    snprintf(buf, 32, two ? "%.2f" : "%g", v);
    char *dot = strchr(buf, '.');
    if (dot && dept->language != OR_LANG_EN && dept->language != OR_LANG_DEFAULT)
        *dot = ',';
    return buf;
}

const char *tr_code(const struct or_department *dept)
{
    static const struct trio codes = {"en", "nl", "fr"};
    return pick(&codes, dept->language);
}
