package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableWriter;
import dev.parley.ledger.io.DurableFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The durable staging file of one acknowledged part of a multi-part upload: the part's valid rows
 * after tokenization, i.e. what the version table will hold (64-byte tokens, dimensions, metrics);
 * never an identifier hash.
 *
 * <p>Format: a sequence of rows, each the 64 token bytes followed by one value per column in table
 * order, each a presence byte (0 = NULL, 1 = present) then, if present, a UTF-8 string prefixed by
 * its 4-byte length (DIMENSION), a 64-bit integer (INTEGER), the 64-bit IEEE 754 bits (DECIMAL) or
 * the epoch day as a 64-bit integer (DATE); all big-endian ({@link DataOutputStream}).
 *
 * <p>{@link Writer} fills a {@code .tmp} file; {@link Writer#commit()} forces it to disk and
 * atomically renames it to its final name, then forces the directory, so a staged part is either
 * complete or absent. The SHA-256 of the file and its row count are recorded in the part's catalog
 * record and checked when the part is copied into the version ({@link #copy}).
 */
final class StagedPart {
  private static final int BUFFER = 1 << 16;

  private StagedPart() {}

  /** A staging file being written; {@link #commit()} publishes it. */
  static final class Writer implements TableWriter {
    private final Path target;
    private final Path temp;
    private final List<ColumnDef> columns;
    private final FileChannel channel;
    private final DigestOutputStream digest;
    private final DataOutputStream out;
    private long rows;
    private boolean done;
    private String sha256;

    Writer(Path target, List<ColumnDef> columns) throws IOException {
      this.target = target;
      this.temp = target.resolveSibling(target.getFileName() + ".tmp");
      this.columns = List.copyOf(columns);
      Files.createDirectories(target.getParent());
      this.channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
      OutputStream file = Channels.newOutputStream(channel);
      this.digest = new DigestOutputStream(new BufferedOutputStream(file, BUFFER), newDigest());
      this.out = new DataOutputStream(digest);
    }

    @Override
    public void append(byte[] token, Object[] values) {
      if (token.length != IdentifierText.TOKEN_LENGTH || values.length != columns.size()) {
        throw new IllegalArgumentException("row does not fit the staged columns");
      }
      try {
        out.write(token);
        for (int i = 0; i < values.length; i++) {
          writeValue(columns.get(i).type(), values[i]);
        }
        rows++;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write staged part " + target.getFileName(), e);
      }
    }

    private void writeValue(ColumnType type, Object value) throws IOException {
      if (value == null) {
        out.writeByte(0);
        return;
      }
      out.writeByte(1);
      switch (type) {
        case DIMENSION -> {
          byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
          out.writeInt(utf8.length);
          out.write(utf8);
        }
        case INTEGER -> out.writeLong((Long) value);
        case DECIMAL -> out.writeLong(Double.doubleToLongBits((Double) value));
        case DATE -> out.writeLong(((LocalDate) value).toEpochDay());
      }
    }

    /** Forces the file to disk and renames it into place; returns the row count. */
    @Override
    public long commit() {
      try {
        out.flush();
        channel.force(true);
        out.close();
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.forceDirectory(target.getParent());
        sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
        done = true;
        return rows;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store staged part " + target.getFileName(), e);
      }
    }

    /** Returns the SHA-256 of the committed file, in lowercase hex. */
    String sha256() {
      if (!done) {
        throw new IllegalStateException("not committed");
      }
      return sha256;
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      try {
        out.close();
      } catch (IOException e) {
        // Discarding anyway.
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // A stray .tmp file is overwritten by the next attempt at this part.
      }
    }
  }

  /**
   * Appends the rows of a staged part to a table writer, checking its row count and SHA-256.
   *
   * @param file the staging file
   * @param columns the table's columns
   * @param rows the row count recorded for the part
   * @param sha256 the file digest recorded for the part
   * @param writer the version table's writer
   * @throws IOException if the file is missing, short, longer or altered
   */
  static void copy(Path file, List<ColumnDef> columns, long rows, String sha256, TableWriter writer)
      throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digest =
            new DigestInputStream(new BufferedInputStream(raw, BUFFER), newDigest());
        DataInputStream in = new DataInputStream(digest)) {
      Object[] values = new Object[columns.size()];
      for (long r = 0; r < rows; r++) {
        byte[] token = new byte[IdentifierText.TOKEN_LENGTH];
        in.readFully(token);
        for (int i = 0; i < values.length; i++) {
          values[i] = readValue(in, columns.get(i).type());
        }
        writer.append(token, values.clone());
      }
      if (in.read() >= 0) {
        throw new IOException(file.getFileName() + ": more rows than the " + rows + " recorded");
      }
      String actual = HexFormat.of().formatHex(digest.getMessageDigest().digest());
      if (!actual.equals(sha256)) {
        throw new IOException(file.getFileName() + ": content differs from what was acknowledged");
      }
    } catch (EOFException e) {
      throw new IOException(file.getFileName() + ": fewer rows than the " + rows + " recorded", e);
    }
  }

  private static Object readValue(DataInputStream in, ColumnType type) throws IOException {
    int present = in.readUnsignedByte();
    if (present == 0) {
      return null;
    }
    if (present != 1) {
      throw new IOException("bad presence byte " + present);
    }
    return switch (type) {
      case DIMENSION -> {
        int length = in.readInt();
        if (length < 0 || length > 4 * DimensionColumn.MAX_LENGTH) {
          throw new IOException("bad dimension length " + length);
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        yield new String(utf8, StandardCharsets.UTF_8);
      }
      case INTEGER -> in.readLong();
      case DECIMAL -> Double.longBitsToDouble(in.readLong());
      case DATE -> LocalDate.ofEpochDay(in.readLong());
    };
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
