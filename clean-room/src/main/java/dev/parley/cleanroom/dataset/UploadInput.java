package dev.parley.cleanroom.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPInputStream;

/**
 * The uploaded byte stream: digested exactly as received, then gunzipped if it starts with the gzip
 * magic bytes {@code 1f 8b} (RFC 1952 §2.3.1, ID1 = 31, ID2 = 139), then decoded as strict UTF-8
 * (malformed input is an error, never replaced).
 */
final class UploadInput {
  private static final int BUFFER = 1 << 16;

  private final DigestInputStream raw;
  private final InputStream content;
  private final boolean gzip;

  private UploadInput(DigestInputStream raw, InputStream content, boolean gzip) {
    this.raw = raw;
    this.content = content;
    this.gzip = gzip;
  }

  /**
   * Wraps an upload, sniffing the first two bytes.
   *
   * @param in the raw upload
   * @return the input
   * @throws IOException if reading fails or a gzip header is corrupt
   */
  static UploadInput open(InputStream in) throws IOException {
    DigestInputStream raw = new DigestInputStream(in, sha256());
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    InputStream content;
    try {
      content = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      // The gzip header itself is bad (RFC 1952 section 2.3: method must be 8, deflate).
      throw new DatasetUploadException(
          "corrupt gzip input: " + e.getMessage(),
          java.util.List.of(new RowRejection(0, null, "corrupt gzip header")),
          1);
    }
    return new UploadInput(raw, content, gzip);
  }

  /** Returns whether the input was gzip-compressed. */
  boolean gzip() {
    return gzip;
  }

  /** Returns the content as strict UTF-8 characters. */
  Reader reader() {
    return new InputStreamReader(
        content,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /**
   * Reads whatever the parser left (e.g. bytes after the last gzip member) and returns the digest
   * of every raw byte.
   *
   * @return the SHA-256 of the raw upload
   * @throws IOException if reading fails
   */
  byte[] finishDigest() throws IOException {
    byte[] sink = new byte[BUFFER];
    while (raw.read(sink) >= 0) {
      // Reading is digesting.
    }
    return raw.getMessageDigest().digest();
  }

  /**
   * Digests an entire stream without parsing it.
   *
   * @param in the stream
   * @return its SHA-256
   * @throws IOException if reading fails
   */
  static byte[] digestAll(InputStream in) throws IOException {
    MessageDigest md = sha256();
    byte[] buffer = new byte[BUFFER];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      md.update(buffer, 0, n);
    }
    return md.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
