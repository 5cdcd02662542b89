package dev.parley.consent.commitment;

import dev.parley.consent.index.TokenTable;
import dev.parley.consent.model.SubjectToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The owner-only file holding each subject's commitment salt, kept apart from the TDB2 dataset so
 * that erasure really overwrites the salt.
 *
 * <p>Why a separate file: TDB2 is copy-on-write; a deleted literal stays in its node table and old
 * index blocks until the database is compacted. Here each subject has a fixed 128-byte slot that
 * erasure overwrites with zeros and forces to disk, so the salt is gone from the file at once.
 * (Storage below the file system, such as SSD wear levelling or backups, is outside this guarantee;
 * deployments should encrypt the volume.)
 *
 * <p>Layout: an 8-byte header {@code PSALT1\n\0}, then slots of 128 bytes: byte 0 is 1 for a used
 * slot and 0 for a free one, byte 1 the token length, bytes 2-65 the token (zero padded), bytes
 * 66-97 the salt, the rest zero. Slot numbers equal {@link TokenTable} ids; slots are never reused.
 * The file and its directory are created owner-only (0600 / 0700). Not thread-safe: the consent
 * store serializes writers.
 */
public final class SaltStore implements AutoCloseable {
  private static final byte[] MAGIC = "PSALT1\n\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length;
  private static final int SLOT = 128;
  private static final int TOKEN_AT = 2;
  private static final int SALT_AT = 66;

  private final FileChannel channel;
  private final TokenTable table;
  private final SecureRandom random;
  private boolean dirty;

  private SaltStore(FileChannel channel, TokenTable table, SecureRandom random) {
    this.channel = channel;
    this.table = table;
    this.random = random;
  }

  /**
   * Opens or creates the salt file.
   *
   * @param file e.g. {@code <data>/consent/salts.bin}
   * @param random the source of salts
   * @return the store
   * @throws IOException if the file cannot be read or has a bad header or slot
   */
  public static SaltStore open(Path file, SecureRandom random) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    if (!Files.exists(file)) {
      if (posix) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = ch.size();
      if (size == 0) {
        ch.write(ByteBuffer.wrap(MAGIC), 0);
        ch.force(true);
        size = HEADER;
      }
      ByteBuffer head = ByteBuffer.allocate(HEADER);
      ch.read(head, 0);
      if (!Arrays.equals(head.array(), MAGIC) || (size - HEADER) % SLOT != 0) {
        throw new IOException(
            file + ": not a Parley salt file (bad header or length " + size + ")");
      }
      int slots = Math.toIntExact((size - HEADER) / SLOT);
      TokenTable table = new TokenTable(slots);
      ByteBuffer buf = ByteBuffer.allocate(SLOT * 4096);
      for (int s = 0; s < slots; ) {
        buf.clear();
        int n = Math.min(4096, slots - s);
        buf.limit(n * SLOT);
        readFully(ch, buf, HEADER + (long) s * SLOT);
        for (int k = 0; k < n; k++, s++) {
          int at = k * SLOT;
          byte[] a = buf.array();
          if (a[at] == 1) {
            int len = a[at + 1];
            if (len < SubjectToken.MIN_BYTES || len > SubjectToken.MAX_BYTES) {
              throw new IOException(file + ": slot " + s + " has a bad token length");
            }
            table.getOrAdd(
                SubjectToken.of(Arrays.copyOfRange(a, at + TOKEN_AT, at + TOKEN_AT + len)));
          } else {
            table.skipId();
          }
        }
      }
      return new SaltStore(ch, table, random);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Returns a subject's salt.
   *
   * @param token the subject
   * @return a copy of the salt, or empty if the subject has none (new or erased)
   * @throws IOException if the file cannot be read
   */
  public Optional<byte[]> salt(SubjectToken token) throws IOException {
    int slot = table.get(token);
    if (slot < 0) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.allocate(SubjectCommitment.SALT_BYTES);
    readFully(channel, b, HEADER + (long) slot * SLOT + SALT_AT);
    return Optional.of(b.array());
  }

  /**
   * Returns a subject's salt, creating a fresh random one if it has none. Call {@link #flush()}
   * before relying on a new salt being durable.
   *
   * @param token the subject
   * @return the salt
   * @throws IOException if the file cannot be written
   */
  public byte[] saltOrCreate(SubjectToken token) throws IOException {
    Optional<byte[]> s = salt(token);
    if (s.isPresent()) {
      return s.get();
    }
    byte[] salt = new byte[SubjectCommitment.SALT_BYTES];
    random.nextBytes(salt);
    int slot = table.getOrAdd(token);
    byte[] rec = new byte[SLOT];
    rec[0] = 1;
    rec[1] = (byte) token.length();
    token.copyTo(rec, TOKEN_AT);
    System.arraycopy(salt, 0, rec, SALT_AT, salt.length);
    writeFully(ByteBuffer.wrap(rec), HEADER + (long) slot * SLOT);
    Arrays.fill(rec, (byte) 0);
    dirty = true;
    return salt;
  }

  /**
   * Destroys a subject's salt: overwrites its slot with zeros and forces the file to disk.
   *
   * @param token the subject
   * @return true if the subject had a salt
   * @throws IOException if the file cannot be written
   */
  public boolean erase(SubjectToken token) throws IOException {
    int slot = table.remove(token);
    if (slot < 0) {
      return false;
    }
    writeFully(ByteBuffer.allocate(SLOT), HEADER + (long) slot * SLOT);
    channel.force(true);
    return true;
  }

  /**
   * Erases every salt whose subject fails a test (used at start-up to drop salts left by a crash
   * between creating a salt and committing the subject's first record).
   *
   * @param keep which subjects to keep
   * @return how many salts were erased
   * @throws IOException if the file cannot be written
   */
  public int retainOnly(Predicate<SubjectToken> keep) throws IOException {
    int erased = 0;
    for (int id = 0; id < table.idLimit(); id++) {
      SubjectToken t = table.token(id);
      if (t != null && !keep.test(t)) {
        erase(t);
        erased++;
      }
    }
    return erased;
  }

  /**
   * Visits every subject holding a salt, with a copy of its salt.
   *
   * @param visitor receives each subject and salt
   * @throws IOException if the file cannot be read
   */
  public void forEach(SaltVisitor visitor) throws IOException {
    for (int id = 0; id < table.idLimit(); id++) {
      SubjectToken t = table.token(id);
      if (t != null) {
        byte[] salt = salt(t).orElseThrow();
        visitor.visit(t, salt);
      }
    }
  }

  /** Receives subjects and salts from {@link #forEach}. */
  @FunctionalInterface
  public interface SaltVisitor {
    /**
     * Visits one subject.
     *
     * @param token the subject
     * @param salt its salt (a copy the visitor may wipe)
     * @throws IOException to stop the visit
     */
    void visit(SubjectToken token, byte[] salt) throws IOException;
  }

  /**
   * Returns the number of subjects holding a salt.
   *
   * @return the count
   */
  public int size() {
    return table.size();
  }

  /**
   * Forces newly created salts to disk.
   *
   * @throws IOException if the file cannot be synced
   */
  public void flush() throws IOException {
    if (dirty) {
      channel.force(true);
      dirty = false;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }

  private void writeFully(ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += channel.write(b, pos);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        throw new IOException("salt file truncated at offset " + pos);
      }
      pos += n;
    }
  }
}
