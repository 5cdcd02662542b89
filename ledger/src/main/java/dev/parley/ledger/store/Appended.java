package dev.parley.ledger.store;

import dev.parley.ledger.checkpoint.Checkpoint;

/**
 * An acknowledged append: the entry's index and bytes, and the first signed checkpoint covering it,
 * all durable on disk.
 *
 * @param index the entry's position in the log
 * @param entry the canonical entry bytes as stored
 * @param checkpoint the checkpoint that first covered the entry
 * @param checkpointNote that checkpoint's signed note bytes
 */
@SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
public record Appended(long index, byte[] entry, Checkpoint checkpoint, byte[] checkpointNote) {}
