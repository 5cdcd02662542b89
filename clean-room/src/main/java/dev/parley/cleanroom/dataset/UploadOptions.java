package dev.parley.cleanroom.dataset;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to treat one upload.
 *
 * @param uploadKey the idempotency key: a retry with the same key and the same bytes returns the
 *     first result; 1-128 characters {@code [A-Za-z0-9._:-]}
 * @param maxRejected how many invalid rows may be skipped (and counted) before the upload fails; 0
 *     (strict, the default) fails on the first invalid row
 */
public record UploadOptions(Optional<String> uploadKey, long maxRejected) {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Strict, without an upload key. */
  public static final UploadOptions STRICT = new UploadOptions(Optional.empty(), 0);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException naming the field
   */
  public UploadOptions {
    Objects.requireNonNull(uploadKey, "uploadKey");
    if (uploadKey.isPresent() && !KEY.matcher(uploadKey.get()).matches()) {
      throw new IllegalArgumentException(
          "uploadKey: must be 1-128 characters [A-Za-z0-9._:-], got "
              + SchemaJson.describe(uploadKey.get()));
    }
    if (maxRejected < 0) {
      throw new IllegalArgumentException("maxRejected: must be >= 0, got " + maxRejected);
    }
  }

  /**
   * Strict options with an upload key.
   *
   * @param uploadKey the key
   * @return the options
   */
  public static UploadOptions withKey(String uploadKey) {
    return new UploadOptions(Optional.of(uploadKey), 0);
  }

  /**
   * Returns these options with another {@code maxRejected}.
   *
   * @param value the new limit
   * @return the options
   */
  public UploadOptions maxRejected(long value) {
    return new UploadOptions(uploadKey, value);
  }
}
