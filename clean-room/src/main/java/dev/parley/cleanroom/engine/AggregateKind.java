package dev.parley.cleanroom.engine;

/** The aggregate functions a plan can compute per group. */
public enum AggregateKind {
  /** {@code COUNT(DISTINCT token)}; takes no column. */
  COUNT_SUBJECTS,
  /** Sum of the column's clamped values. */
  SUM,
  /** Mean of the column's clamped values. */
  AVG
}
