/*
 * glpk_settings.c - how GLPK is asked to work, apart from when and for how
 * long (the strategy, strategy.h).  What was measured to choose these is in
 * docs/performance-history.md.
 */
#include "glpk_settings.h"

void glpk_root_lp_settings(glp_prob *lp, glp_smcp *smcp)
{
    glp_init_smcp(smcp);
    smcp->msg_lev = GLP_MSG_OFF;
    smcp->presolve = GLP_ON;
    smcp->meth = GLP_DUALP;
    /* As glpsol does: presolved, scaled, from an advanced basis; the basis
     * comes back for the tree. */
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_adv_basis(lp, 0);
}

void glpk_tree_settings(glp_iocp *parm, double gap)
{
    glp_init_iocp(parm);
    parm->msg_lev = GLP_MSG_OFF;
    /* Off, so that the callback sees our columns and can offer a roster. */
    parm->presolve = GLP_OFF;
    parm->mip_gap = gap;
    /* Clique cuts pay; Gomory and MIR cuts cost more node throughput than
     * they gain; the feasibility pump does not finish at the root. */
    parm->clq_cuts = GLP_ON;
    parm->gmi_cuts = GLP_OFF;
    parm->mir_cuts = GLP_OFF;
    parm->fp_heur = GLP_OFF;
    parm->br_tech = GLP_BR_DTH;
    parm->bt_tech = GLP_BT_BLB;
}
