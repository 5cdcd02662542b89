package dev.parley.ledger.store;

import dev.parley.ledger.entry.EntryType;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * An append waiting in the sequencer's queue.
 *
 * @param type the entry type
 * @param body the body's RFC 8785 bytes, already validated
 * @param leafHash the entry's leaf hash, started over everything before {@code prev} ({@link
 *     dev.parley.ledger.entry.LedgerEntry#startLeafHash}); consumed by the sequencer
 * @param result completed when the entry is durable and covered by a signed checkpoint
 */
@SuppressWarnings("ArrayRecordComponent") // queue item, never compared
record QueuedAppend(
    EntryType type, byte[] body, MessageDigest leafHash, CompletableFuture<Appended> result) {}
