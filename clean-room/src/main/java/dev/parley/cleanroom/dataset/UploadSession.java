package dev.parley.cleanroom.dataset;

import dev.parley.consent.partner.Partner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An open multi-part upload: who uploads which dataset with which schema, and how strictly.
 *
 * @param id the upload id, 32 lowercase hex digits
 * @param partnerId the uploading partner; only it may see or change the upload
 * @param schema the schema every part is validated against
 * @param uploadKey the idempotency key: beginning again with the same key resumes this upload, and
 *     the version it publishes records the key
 * @param maxRejected how many invalid rows all parts together may have
 * @param createdAt when the upload began
 */
public record UploadSession(
    String id,
    String partnerId,
    DatasetSchema schema,
    Optional<String> uploadKey,
    long maxRejected,
    Instant createdAt) {
  /** The syntax of upload ids. */
  public static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Validates the fields. */
  public UploadSession {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: must be 32 lowercase hex digits");
    }
    Partner.requireId(partnerId, "partnerId");
    Objects.requireNonNull(schema, "schema");
    new UploadOptions(uploadKey, maxRejected); // validates both
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The id of a keyed upload: the same key of the same partner always names the same upload. */
  static String keyedId(String partnerId, String uploadKey) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("parley upload session\0" + partnerId + "\0" + uploadKey)
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** A new random upload id. */
  static String randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Returns the dataset name.
   *
   * @return {@code schema().name()}
   */
  public String dataset() {
    return schema.name();
  }
}
