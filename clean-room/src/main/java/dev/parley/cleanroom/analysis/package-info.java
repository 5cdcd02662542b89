/**
 * Consent-enforced aggregate analyses in clean-room collaborations: structured requests (never SQL)
 * parsed by {@link dev.parley.cleanroom.analysis.RequestJson}, checked and planned against the
 * collaboration's rules by the pure {@link dev.parley.cleanroom.analysis.QueryPlanner}, and run by
 * {@link dev.parley.cleanroom.analysis.QueryService} over the subjects every contributing partner
 * has consent for, releasing only rows of at least k subjects and recording every release on the
 * ledger. In collaborations with differential privacy, {@link dev.parley.cleanroom.analysis.DpPlan}
 * and {@link dev.parley.cleanroom.analysis.DpRelease} add calibrated noise and threshold on noisy
 * counts, and the budget is spent before each query and replayed from the ledger ({@link
 * dev.parley.cleanroom.analysis.LedgerBudgets}).
 */
package dev.parley.cleanroom.analysis;
