package dev.parley.ledger.store;

import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.merkle.HashReader;
import dev.parley.ledger.merkle.MerkleProofs;
import dev.parley.ledger.tiles.TileHashReader;
import dev.parley.ledger.tiles.TileId;
import dev.parley.ledger.tiles.TilePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Reads a tiled log directory: raw resources, entries, subtree hashes and RFC 9162 proofs.
 *
 * <p>Thread-safe and lock-free with respect to the sequencer: every file it reads is immutable once
 * renamed into place, except that partial tiles may be deleted when their full tile appears; a read
 * that loses that race retries with the full tile. Full tiles are cached (8 KiB each).
 */
public final class TileReader implements HashReader {
  private static final int CACHE_TILES = 4096;

  private final Path logDir;
  private final LongSupplier committedSize;
  private final ConcurrentHashMap<String, byte[]> fullTiles = new ConcurrentHashMap<>();

  TileReader(Path logDir, LongSupplier committedSize) {
    this.logDir = logDir;
    this.committedSize = committedSize;
  }

  /**
   * Reads a resource by its C2SP path ({@code checkpoint} or a tile / bundle path).
   *
   * @param path the path relative to the log root
   * @return the bytes, or empty if there is no such resource
   * @throws IllegalArgumentException if {@code path} is not a valid resource path
   */
  public Optional<byte[]> resource(String path) {
    if (!path.equals(LogLayout.CHECKPOINT) && !TilePaths.isValid(path)) {
      throw new IllegalArgumentException("not a C2SP tlog-tiles path: " + path);
    }
    if (!path.equals(LogLayout.CHECKPOINT)
        && TilePaths.coverageEnd(path) > committedSize.getAsLong()) {
      // Beyond the newest checkpoint: possibly still being written (see DurableFiles).
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(logDir.resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns one entry's bytes.
   *
   * @param index the entry index, below the committed size
   * @return the canonical entry bytes
   * @throws IllegalArgumentException if {@code index} is not in the log
   */
  public byte[] entry(long index) {
    long size = committedSize.getAsLong();
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index: must be 0-" + (size - 1) + ", got " + index);
    }
    long bundleIndex = index / TileState.WIDTH;
    byte[] bundle =
        tileBytes(LogLayout.bundlePath(bundleIndex, 0), () -> partialBundlePath(bundleIndex, size));
    return LogLayout.decodeBundle(bundle).get((int) (index % TileState.WIDTH));
  }

  /**
   * Returns the RFC 9162 inclusion proof of entry {@code index} in the tree of {@code size}.
   *
   * @param index the entry index
   * @param size a tree size up to the committed size
   * @return the audit path, leaf to root
   */
  public List<byte[]> inclusionProof(long index, long size) {
    checkSize(size);
    return MerkleProofs.inclusion(index, size, this);
  }

  /**
   * Returns the RFC 9162 consistency proof between two tree sizes.
   *
   * @param oldSize the smaller size
   * @param newSize the larger size, up to the committed size
   * @return the proof
   */
  public List<byte[]> consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    return MerkleProofs.consistency(oldSize, newSize, this);
  }

  /**
   * Returns the root hash of the tree of {@code size}.
   *
   * @param size a tree size up to the committed size
   * @return the RFC 9162 root
   */
  public byte[] root(long size) {
    checkSize(size);
    return MerkleProofs.root(size, this);
  }

  private void checkSize(long size) {
    long committed = committedSize.getAsLong();
    if (size < 0 || size > committed) {
      throw new IllegalArgumentException("size: must be 0-" + committed + ", got " + size);
    }
  }

  @Override
  public byte[] hash(int level, long index) {
    return new TileHashReader(committedSize.getAsLong(), this::tile).hash(level, index);
  }

  /** Returns a tile at its committed width, preferring the full tile once it exists. */
  private byte[] tile(TileId tile) {
    return tileBytes(
        LogLayout.tilePath(tile.level(), tile.index(), 0),
        () -> tile.isPartial() ? TilePath.format(tile) : null);
  }

  private interface PathSupplier {
    String get();
  }

  /** Reads a full tile (cached) or, if it does not exist yet, the committed partial one. */
  private byte[] tileBytes(String fullPath, PathSupplier partialPath) {
    byte[] cached = fullTiles.get(fullPath);
    if (cached != null) {
      return cached;
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<byte[]> full = resource(fullPath);
      if (full.isPresent()) {
        if (fullTiles.size() > CACHE_TILES) {
          fullTiles.clear();
        }
        fullTiles.put(fullPath, full.get());
        return full.get();
      }
      String partial = partialPath.get();
      if (partial != null) {
        Optional<byte[]> bytes = resource(partial);
        if (bytes.isPresent()) {
          return bytes.get();
        }
      }
    }
    throw new UncheckedIOException(new NoSuchFileException(logDir.resolve(fullPath).toString()));
  }

  private static String partialBundlePath(long bundleIndex, long size) {
    if (size / TileState.WIDTH != bundleIndex) {
      return null;
    }
    int width = (int) (size % TileState.WIDTH);
    return width == 0 ? null : LogLayout.bundlePath(bundleIndex, width);
  }
}
