/*
 * glpk_settings.h - GLPK's parameters for the root LP and the tree
 * (glpk_settings.c).
 */
#ifndef ONCOROSTER_GLPK_SETTINGS_H
#define ONCOROSTER_GLPK_SETTINGS_H

#include <glpk.h>

/* Dual simplex, presolved, after scaling lp and giving it an advanced basis. */
void glpk_root_lp_settings(glp_prob *lp, glp_smcp *smcp);
/* Branch and bound on our own columns (no presolve), to relative gap `gap`. */
void glpk_tree_settings(glp_iocp *parm, double gap);

#endif
