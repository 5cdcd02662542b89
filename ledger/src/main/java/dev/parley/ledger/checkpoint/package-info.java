/**
 * C2SP transparency-log checkpoints (https://c2sp.org/tlog-checkpoint): the {@link
 * dev.parley.ledger.checkpoint.Checkpoint} body (origin, tree size, root hash, extension lines) and
 * {@link dev.parley.ledger.checkpoint.SignedCheckpoint}, a checkpoint signed as a C2SP note.
 *
 * <p>Pure logic: no I/O.
 */
package dev.parley.ledger.checkpoint;
