package dev.parley.gateway.auth;

import dev.parley.ledger.io.SecretFiles;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Partner and auditor API keys, stored only as SHA-256 hashes in {@code
 * <data>/gateway/api-keys.json} (mode 0600, written durably).
 *
 * <p>A key reads {@code pk_<id>.<secret>}: a 16-hex-digit public id and 32 random bytes in
 * base64url. The plaintext is returned once by {@link #create} and never stored. A request presents
 * it as {@code Authorization: Bearer <key>}; the id selects the stored hash and the comparison of
 * hashes is constant-time. Keys created by the command line while the server runs are picked up on
 * the next request (the file's modification time is checked at most once a second).
 */
public final class ApiKeyStore implements PrincipalResolver {
  private static final Pattern KEY = Pattern.compile("pk_([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");
  private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Path file;
  private final Clock clock;
  private volatile Map<String, StoredKey> keys = Map.of();
  private volatile FileTime loadedMtime;
  private volatile long checkedAtMillis;

  /**
   * One stored key: its public id, role, partner (for partner keys) and the hash of the key.
   *
   * @param id the public id
   * @param role the role the key grants
   * @param partnerId the partner, for {@link Role#PARTNER} keys
   * @param sha256 SHA-256 of the full key string
   * @param created when it was created (RFC 3339)
   */
  @SuppressWarnings("ArrayRecordComponent") // the hash is compared with MessageDigest.isEqual
  public record StoredKey(
      String id, Role role, Optional<String> partnerId, byte[] sha256, String created) {
    @Override
    public String toString() {
      return "StoredKey[id=" + id + ", role=" + role + ", partner=" + partnerId.orElse("-") + "]";
    }
  }

  /**
   * A newly created key; the plaintext is shown to the operator once.
   *
   * @param id the public id
   * @param plaintext the full key to hand to its holder
   */
  public record Created(String id, String plaintext) {
    @Override
    public String toString() {
      return "Created[id=" + id + "]";
    }
  }

  private ApiKeyStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * Opens (without creating) the key file of a data directory.
   *
   * @param dataDir the data directory
   * @param clock the clock stamping new keys
   * @return the store
   * @throws IOException if the file exists but is unreadable, malformed or too widely readable
   */
  public static ApiKeyStore open(Path dataDir, Clock clock) throws IOException {
    ApiKeyStore store = new ApiKeyStore(dataDir.resolve("gateway").resolve("api-keys.json"), clock);
    store.reload();
    return store;
  }

  /**
   * Creates a key and stores its hash durably.
   *
   * @param role {@link Role#PARTNER} or {@link Role#AUDITOR}
   * @param partnerId the partner id for a partner key (lower-case letters, digits, '-'); empty for
   *     an auditor key
   * @param random the source of the key
   * @return the key, whose plaintext is not kept anywhere
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if the role or partner id is not acceptable
   */
  public synchronized Created create(Role role, Optional<String> partnerId, SecureRandom random)
      throws IOException {
    Objects.requireNonNull(role, "role");
    switch (role) {
      case PARTNER -> {
        String p =
            partnerId.orElseThrow(
                () -> new IllegalArgumentException("partner: required for a partner key"));
        if (!PARTNER_ID.matcher(p).matches()) {
          throw new IllegalArgumentException(
              "partner: must match " + PARTNER_ID.pattern() + ", got '" + p + "'");
        }
      }
      case AUDITOR -> {
        if (partnerId.isPresent()) {
          throw new IllegalArgumentException("partner: an auditor key belongs to no partner");
        }
      }
      case CONSUMER ->
          throw new IllegalArgumentException(
              "role: consumers sign in with a one-time code, not an API key");
    }
    reload();
    byte[] idBytes = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(idBytes);
    random.nextBytes(secret);
    String id = HexFormat.of().formatHex(idBytes);
    String plaintext =
        "pk_" + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Map<String, StoredKey> next = new ConcurrentHashMap<>(keys);
    next.put(id, new StoredKey(id, role, partnerId, sha256(plaintext), clock.instant().toString()));
    save(next);
    return new Created(id, plaintext);
  }

  /**
   * Deletes a key.
   *
   * @param id the public id
   * @return whether it existed
   * @throws IOException if the file cannot be written
   */
  public synchronized boolean revoke(String id) throws IOException {
    reload();
    Map<String, StoredKey> next = new ConcurrentHashMap<>(keys);
    if (next.remove(id) == null) {
      return false;
    }
    save(next);
    return true;
  }

  /**
   * Lists the stored keys (ids, roles and partners only).
   *
   * @return the keys
   */
  public List<StoredKey> list() {
    refreshIfChanged();
    return new ArrayList<>(keys.values());
  }

  @Override
  public Optional<Principal> resolve(HttpServerRequest request) throws AuthenticationException {
    String auth = request.getHeader("Authorization");
    if (auth == null) {
      return Optional.empty();
    }
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new AuthenticationException("Authorization: expected 'Bearer <API key>'");
    }
    String presented = auth.substring(7).trim();
    var m = KEY.matcher(presented);
    if (!m.matches()) {
      throw new AuthenticationException("API key: not of the form pk_<16 hex>.<43 base64url>");
    }
    refreshIfChanged();
    StoredKey k = keys.get(m.group(1));
    byte[] expected = k == null ? new byte[32] : k.sha256();
    boolean same = MessageDigest.isEqual(sha256(presented), expected);
    if (k == null || !same) {
      throw new AuthenticationException("API key: unknown or revoked");
    }
    return Optional.of(
        switch (k.role()) {
          case PARTNER -> new Principal.Partner(k.partnerId().orElseThrow(), k.id());
          case AUDITOR -> new Principal.Auditor(k.id());
          case CONSUMER -> throw new AuthenticationException("API key: invalid role");
        });
  }

  private void refreshIfChanged() {
    long now = System.currentTimeMillis();
    if (now - checkedAtMillis < 1000) {
      return;
    }
    checkedAtMillis = now;
    try {
      FileTime mtime = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      if (!Objects.equals(mtime, loadedMtime)) {
        reload();
      }
    } catch (IOException e) {
      // Keep serving the keys loaded last; the operator sees the problem at the next start.
    }
  }

  private synchronized void reload() throws IOException {
    byte[] raw;
    FileTime mtime;
    try {
      mtime = Files.getLastModifiedTime(file);
      raw = SecretFiles.readOwnerOnly(file);
    } catch (NoSuchFileException e) {
      keys = Map.of();
      loadedMtime = null;
      return;
    }
    Map<String, StoredKey> next = new ConcurrentHashMap<>();
    JsonArray arr;
    try {
      arr = new JsonObject(new String(raw, StandardCharsets.UTF_8)).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a Parley API key file: " + e.getMessage(), e);
    }
    for (int i = 0; i < arr.size(); i++) {
      try {
        JsonObject o = arr.getJsonObject(i);
        StoredKey k =
            new StoredKey(
                o.getString("id"),
                Role.valueOf(o.getString("role").toUpperCase(Locale.ROOT)),
                Optional.ofNullable(o.getString("partner")),
                HexFormat.of().parseHex(o.getString("sha256")),
                o.getString("created"));
        next.put(k.id(), k);
      } catch (RuntimeException e) {
        throw new IOException(file + ": keys[" + i + "]: " + e.getMessage(), e);
      }
    }
    keys = next;
    loadedMtime = mtime;
  }

  private void save(Map<String, StoredKey> next) throws IOException {
    JsonArray arr = new JsonArray();
    next.values().stream()
        .sorted(java.util.Comparator.comparing(StoredKey::created).thenComparing(StoredKey::id))
        .forEach(
            k -> {
              JsonObject o =
                  new JsonObject()
                      .put("id", k.id())
                      .put("role", k.role().name().toLowerCase(Locale.ROOT))
                      .put("sha256", HexFormat.of().formatHex(k.sha256()))
                      .put("created", k.created());
              k.partnerId().ifPresent(p -> o.put("partner", p));
              arr.add(o);
            });
    Files.createDirectories(file.getParent());
    SecretFiles.writeOwnerOnly(
        file, new JsonObject().put("keys", arr).encodePrettily().getBytes(StandardCharsets.UTF_8));
    keys = next;
    loadedMtime = Files.getLastModifiedTime(file);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
