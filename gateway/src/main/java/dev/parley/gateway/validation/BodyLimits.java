package dev.parley.gateway.validation;

import java.util.Map;

/**
 * The largest request body each operation accepts, in bytes, enforced by the request gate before
 * the body reaches a route (beyond it: 413 with a problem body).
 *
 * <p>Every operation that takes a non-upload body gets {@link #DEFAULT} unless listed here; nothing
 * listed may exceed {@link #GLOBAL_CAP}. Uploads ({@link BodyKind#UPLOAD}) are streamed and limited
 * by their route. This is the one place body limits are set: routes that read a body themselves
 * (when mounted without the gate, as some tests do) ask {@link #of} too.
 */
public final class BodyLimits {
  /** The limit of every non-upload operation not listed below: 64 KiB. */
  public static final long DEFAULT = 64 * 1024;

  /** No non-upload body may exceed this, whatever an operation's entry says: 4 MiB. */
  public static final long GLOBAL_CAP = 4 * 1024 * 1024;

  /** Operations whose route allows another size. */
  static final Map<String, Long> BY_OPERATION =
      Map.of(
          // 10,000 TC strings of a few hundred bytes each.
          "importTcfStrings",
          4L * 1024 * 1024,
          // 10,000 base64 elements of 44 characters plus framing (OprfRoutes).
          "evaluateBlinded",
          10_000L * 64 + 4096,
          // One e-mail address, or a challenge and a code.
          "startSignIn",
          4096L,
          "verifySignIn",
          4096L,
          // Schemas and analysis rules; analysis requests keep the default.
          "beginUpload",
          1024L * 1024,
          "createCollaboration",
          1024L * 1024,
          "approveCollaboration",
          1024L * 1024);

  private BodyLimits() {}

  /**
   * Returns the operations with their own limit.
   *
   * @return operationId to bytes
   */
  public static Map<String, Long> overrides() {
    return BY_OPERATION;
  }

  /**
   * Returns an operation's body limit.
   *
   * @param operationId the operation
   * @return the limit in bytes, at most {@link #GLOBAL_CAP}
   */
  public static long of(String operationId) {
    return Math.min(GLOBAL_CAP, BY_OPERATION.getOrDefault(operationId, DEFAULT));
  }
}
