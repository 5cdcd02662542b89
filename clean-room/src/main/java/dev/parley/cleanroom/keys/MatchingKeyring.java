package dev.parley.cleanroom.keys;

import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.ledger.io.SecretFiles;
import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The deployment's matching keys, persisted in one owner-only file.
 *
 * <p>File {@code matching-keys.json} (mode 0600, written atomically and durably): {@code {"format":
 * "parley-matching-keys-v1", "active": id, "keys": [{"id", "secret" (base64 scalar), "created",
 * "retires"?, "ledgerIndex"?}]}}. The file is refused if its permissions are wider than owner-only.
 * Secret bytes pass only through {@link SecretKeyAccess}; nothing here logs them or puts them in a
 * message.
 *
 * <p>Thread-safety: methods are synchronized; lookups return immutable {@link MatchingKey}s.
 */
public final class MatchingKeyring {
  /** The file name under the key directory. */
  public static final String FILE = "matching-keys.json";

  private static final String FORMAT = "parley-matching-keys-v1";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

  private final Path file;
  private final List<MatchingKey> keys;
  private String activeId;

  private MatchingKeyring(Path file, List<MatchingKey> keys, String activeId) {
    this.file = file;
    this.keys = new ArrayList<>(keys);
    this.activeId = activeId;
  }

  /**
   * Loads the keyring from {@code dir}, creating it with one fresh key on first start.
   *
   * @param dir the key directory (created if missing)
   * @param now the current time
   * @param random the randomness for new keys
   * @return the keyring
   * @throws IOException if the file cannot be read or written, is malformed (message names the
   *     member) or is readable by others
   */
  public static MatchingKeyring loadOrCreate(Path dir, Instant now, SecureRandom random)
      throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      MatchingKey first =
          new MatchingKey(
              newId(now, List.of()),
              OprfPrivateKey.generate(random),
              now,
              Optional.empty(),
              Optional.empty());
      MatchingKeyring ring = new MatchingKeyring(file, List.of(first), first.id());
      ring.save();
      return ring;
    }
    byte[] bytes = SecretFiles.readOwnerOnly(file);
    try {
      return parse(file, bytes);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static MatchingKeyring parse(Path file, byte[] bytes) {
    JsonValue v;
    try {
      v = Jcs.parse(bytes);
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (!(v instanceof JsonObject o) || !FORMAT.equals(o.getString("format"))) {
      throw new IllegalArgumentException("format: must be " + FORMAT);
    }
    JsonArray array = o.getArray("keys");
    List<MatchingKey> keys = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonObject k)) {
        throw new IllegalArgumentException("keys[" + i + "]: must be an object");
      }
      try {
        OprfPrivateKey sk =
            OprfPrivateKey.fromBytes(
                Base64.getDecoder().decode(k.getString("secret")), SecretKeyAccess.grant());
        keys.add(
            new MatchingKey(
                k.getString("id"),
                sk,
                Instant.parse(k.getString("created")),
                k.get("retires").map(x -> Instant.parse(k.getString("retires"))),
                k.get("ledgerIndex").map(x -> k.getLong("ledgerIndex"))));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("keys[" + i + "]: " + e.getMessage(), e);
      }
    }
    String active = o.getString("active");
    if (keys.stream().noneMatch(k -> k.id().equals(active) && k.retiresAt().isEmpty())) {
      throw new IllegalArgumentException(
          "active: '" + active + "' is not an active key in the file");
    }
    return new MatchingKeyring(file, keys, active);
  }

  /**
   * Returns the key new tokens use.
   *
   * @return the active key
   */
  public synchronized MatchingKey active() {
    return byId(activeId).orElseThrow();
  }

  /**
   * Returns a key by id.
   *
   * @param id the key id
   * @return the key, if present
   */
  public synchronized Optional<MatchingKey> byId(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /**
   * Returns every key still in the file (active and retiring).
   *
   * @return an immutable snapshot
   */
  public synchronized List<MatchingKey> all() {
    return List.copyOf(keys);
  }

  /**
   * Creates a new active key; the previous one keeps evaluating until {@code now + transition}.
   *
   * @param now the current time
   * @param transition how long the old key stays usable (0 to 365 days)
   * @param random randomness for the new key
   * @return the new key (not yet published on the ledger)
   * @throws IOException if the file cannot be written; the keyring is then unchanged
   */
  public synchronized MatchingKey rotate(Instant now, Duration transition, SecureRandom random)
      throws IOException {
    if (transition.isNegative() || transition.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("transition: must be 0-365 days, got " + transition);
    }
    List<MatchingKey> before = List.copyOf(keys);
    String beforeActive = activeId;
    MatchingKey old = active();
    MatchingKey fresh =
        new MatchingKey(
            newId(now, keys),
            OprfPrivateKey.generate(random),
            now,
            Optional.empty(),
            Optional.empty());
    keys.replaceAll(
        k ->
            k.id().equals(old.id())
                ? new MatchingKey(
                    k.id(),
                    k.key(),
                    k.createdAt(),
                    Optional.of(now.plus(transition)),
                    k.ledgerIndex())
                : k);
    keys.add(fresh);
    activeId = fresh.id();
    try {
      save();
    } catch (IOException e) {
      keys.clear();
      keys.addAll(before);
      activeId = beforeActive;
      throw e;
    }
    return fresh;
  }

  /**
   * Records that a key's {@code key.published} entry is durable on the ledger.
   *
   * @param id the key id
   * @param ledgerIndex the entry index
   * @throws IOException if the file cannot be written
   */
  public synchronized void markPublished(String id, long ledgerIndex) throws IOException {
    keys.replaceAll(
        k ->
            k.id().equals(id)
                ? new MatchingKey(
                    k.id(), k.key(), k.createdAt(), k.retiresAt(), Optional.of(ledgerIndex))
                : k);
    save();
  }

  private static String newId(Instant now, List<MatchingKey> existing) {
    String day = DAY.format(now);
    int n = 1;
    for (MatchingKey k : existing) {
      if (k.id().startsWith("mk-" + day + "-")) {
        n = Math.max(n, Integer.parseInt(k.id().substring(12)) + 1);
      }
    }
    return String.format("mk-%s-%04d", day, n);
  }

  private void save() throws IOException {
    JsonArray.Builder array = JsonArray.builder();
    for (MatchingKey k : keys) {
      JsonObject.Builder b =
          JsonObject.builder()
              .put("id", k.id())
              .put(
                  "secret",
                  Base64.getEncoder().encodeToString(k.key().toBytes(SecretKeyAccess.grant())))
              .put("created", k.createdAt().toString());
      k.retiresAt().ifPresent(t -> b.put("retires", t.toString()));
      k.ledgerIndex().ifPresent(i -> b.put("ledgerIndex", i));
      array.add(b.build());
    }
    byte[] bytes =
        JsonObject.builder()
            .put("format", FORMAT)
            .put("active", activeId)
            .put("keys", array.build())
            .build()
            .canonicalBytes();
    SecretFiles.writeOwnerOnly(file, bytes);
  }
}
