package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.identity.IdentifierKind;
import java.util.Arrays;

/**
 * A reusable batch of parsed rows waiting for tokenization: hash rows keep their 32 hash bytes in
 * one shared buffer (wiped after every batch), token rows their 64 decoded token bytes.
 */
final class Batch {
  final int capacity;
  final byte[] hashes;
  final IdentifierKind[] hashKinds;
  final byte[][] tokens;
  final Object[][] values;
  int size;

  Batch(int capacity) {
    this.capacity = capacity;
    this.hashes = new byte[capacity * IdentifierText.HASH_LENGTH];
    this.hashKinds = new IdentifierKind[capacity];
    this.tokens = new byte[capacity][];
    this.values = new Object[capacity][];
  }

  boolean full() {
    return size == capacity;
  }

  /** Zeroes the hash buffer and forgets every row. */
  void clear() {
    Arrays.fill(hashes, 0, size * IdentifierText.HASH_LENGTH, (byte) 0);
    Arrays.fill(hashKinds, 0, size, null);
    Arrays.fill(tokens, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }
}
