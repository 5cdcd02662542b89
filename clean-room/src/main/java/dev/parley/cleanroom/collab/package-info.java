/**
 * Clean-room collaborations: the members, their shared purpose and the analysis rules they all
 * approved ({@link dev.parley.cleanroom.collab.AnalysisRules}, hashed over RFC 8785 canonical
 * JSON), kept by {@link dev.parley.cleanroom.collab.CollaborationService} and recorded on the
 * ledger.
 */
package dev.parley.cleanroom.collab;
