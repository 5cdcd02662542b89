package dev.parley.cleanroom.collab;

/** Where a collaboration is in its life. */
public enum CollaborationState {
  /** Some member has not yet approved the rules; no query may run. */
  PENDING,
  /** Every member approved the current rules hash; members may query. */
  ACTIVE
}
