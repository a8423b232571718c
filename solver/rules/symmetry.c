/*
 * symmetry.c - interchangeable specialists (same contract, skills,
 * campuses, part-time days and carried counts, and no leave, wishes, split
 * or pins): the first works at least as many sessions as the second.  Not
 * a rule of the department: a row that spares branch and bound the mirror
 * images of every roster; the constructive roster orders twins likewise
 * (state_order_twins).
 */
#include "rule.h"

/* Symmetry: of two interchangeable specialists, the first works at least as
 * many sessions as the second.  Valid, since swapping their rosters changes
 * nothing, and it spares branch and bound the mirror images. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        int t = r->twin[s];
        if (t < 0)
            continue;
        for (size_t u = 0; u < r->nunits; u++) {
            if (m->xcol[u * ns + s])
                model_add(b, m->xcol[u * ns + s], r->units[u].sessions);
            if (m->xcol[u * ns + (size_t)t])
                model_add(b, m->xcol[u * ns + (size_t)t], -r->units[u].sessions);
        }
        int before = m->p.nrows;
        model_emit(b, &b->row, GLP_LO, 0, 0,
                   NAME(b, "twins_%s_%s", model_spec_id(r, s), model_spec_id(r, (size_t)t)));
        b->row.n = 0;
        if (m->p.nrows > before)
            m->twin_row[s] = before + 1; /* the decomposition prices twins as one */
    }
}

const struct rule rule_symmetry = {
    .id = "symmetry",
    .rows = rows,
    .dp_open = dp_nothing, /* its rows join two specialists: the master's */
};
