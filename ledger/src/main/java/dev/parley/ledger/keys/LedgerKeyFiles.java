package dev.parley.ledger.keys;

import dev.parley.ledger.keys.KeyFileException.Problem;
import dev.parley.ledger.note.KeyNames;
import dev.parley.ledger.note.NoteSigningKey;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The ledger's key files in one directory ({@code <data>/ledger}): {@value #KEY_FILE}, the signing
 * key as an skey line ({@code PRIVATE+KEY+<name>+<key ID>+<base64>}), mode 0600; and {@value
 * #VKEY_FILE}, its vkey line, mode 0644. Both end with a newline.
 *
 * <p>First start ({@link #loadOrCreate(String, SecureRandom)} finds neither file): generate a key,
 * create {@value #KEY_FILE} and then {@value #VKEY_FILE}, each atomically and durably without ever
 * replacing an existing file (temp file created 0600, fsync, {@code link(2)}, directory fsync).
 * Later starts load them and refuse, with a {@link KeyFileException} naming the file and the fix:
 *
 * <ul>
 *   <li>a key file that is not a regular file (a symbolic link is not followed), or whose mode
 *       grants anything to group or others;
 *   <li>a malformed key or vkey, a key whose name is not the log's name, or a vkey that is not the
 *       key's public half;
 *   <li>a vkey without its key (the published identity would be lost: restore the key rather than
 *       silently starting a new log identity).
 * </ul>
 *
 * <p>A key without its vkey (a crash between the two creations) is repaired by writing the vkey,
 * which is derived from the key. Permissions are checked before the key is read; the check and the
 * read are not atomic, which guards against misconfiguration, not against a local attacker who can
 * already change the file. Key bytes read from disk are zeroed once parsed.
 */
public final class LedgerKeyFiles {
  /** The ledger directory under the data directory. */
  public static final String LEDGER_DIR = "ledger";

  /** The signing key file name. */
  public static final String KEY_FILE = "log.key";

  /** The verifier key file name. */
  public static final String VKEY_FILE = "log.vkey";

  private static final Set<PosixFilePermission> VKEY_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> BEYOND_OWNER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final int MAX_FILE_BYTES = 4096;

  private final Path keyFile;
  private final Path vkeyFile;

  private LedgerKeyFiles(Path ledgerDir) {
    this.keyFile = ledgerDir.resolve(KEY_FILE);
    this.vkeyFile = ledgerDir.resolve(VKEY_FILE);
  }

  /**
   * Returns the key files of a data directory.
   *
   * @param dataDir Parley's data directory
   * @return the files in {@code dataDir/ledger}
   */
  public static LedgerKeyFiles inDataDir(Path dataDir) {
    return new LedgerKeyFiles(dataDir.resolve(LEDGER_DIR));
  }

  /**
   * Returns the key files of a ledger directory.
   *
   * @param ledgerDir the ledger directory itself ({@code <data>/ledger})
   * @return the files in {@code ledgerDir}
   */
  public static LedgerKeyFiles inLedgerDir(Path ledgerDir) {
    return new LedgerKeyFiles(ledgerDir);
  }

  /**
   * Loads the key pair of a data directory, creating it on first start.
   *
   * @param dataDir Parley's data directory
   * @param name the key name, which is the log's origin
   * @param random the source of a new key
   * @return the key pair
   * @throws KeyFileException if an existing file is unusable (see the class comment)
   * @throws IOException if a file cannot be read or written
   */
  public static LedgerKeyPair loadOrCreate(Path dataDir, String name, SecureRandom random)
      throws IOException {
    return inDataDir(dataDir).loadOrCreate(name, random);
  }

  /**
   * Returns the signing key path.
   *
   * @return {@code <ledger>/log.key}
   */
  public Path keyFile() {
    return keyFile;
  }

  /**
   * Returns the verifier key path.
   *
   * @return {@code <ledger>/log.vkey}
   */
  public Path vkeyFile() {
    return vkeyFile;
  }

  /**
   * Loads the key pair, creating it if neither file exists, and writing the vkey if only it is
   * missing.
   *
   * @param name the key name, which is the log's origin
   * @param random the source of a new key
   * @return the key pair; {@link LedgerKeyPair#created()} tells whether it is new
   * @throws KeyFileException if an existing file is unusable (see the class comment)
   * @throws IOException if a file cannot be read or written
   */
  public LedgerKeyPair loadOrCreate(String name, SecureRandom random) throws IOException {
    KeyNames.requireValid("key name", name);
    NewFiles.removeStaleTemps(keyFile);
    NewFiles.removeStaleTemps(vkeyFile);
    if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(vkeyFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeyFileException(
            Problem.KEY_MISSING,
            keyFile,
            "missing, but "
                + vkeyFile.getFileName()
                + " exists; restore the signing key from a"
                + " backup (or, to start a new log identity, remove both files)");
      }
      NewFiles.createDirectories(keyFile.toAbsolutePath().getParent());
      NoteSigningKey key = NoteSigningKey.generate(name, random);
      byte[] text = withNewline(key.formatBytes(SecretKeyAccess.grant()));
      boolean created;
      try {
        created = NewFiles.create(keyFile, text, NewFiles.OWNER_ONLY);
      } catch (IOException | RuntimeException e) {
        key.destroy();
        throw e;
      } finally {
        Arrays.fill(text, (byte) 0);
      }
      if (created) {
        return withVkey(key, true, true);
      }
      key.destroy(); // another process created the key first: use theirs
    }
    return withVkey(readKey(name), true, false);
  }

  /**
   * Loads an existing key pair without creating or repairing anything.
   *
   * @param name the key name, which is the log's origin
   * @return the key pair
   * @throws KeyFileException if a file is missing or unusable
   * @throws IOException if a file cannot be read
   */
  public LedgerKeyPair load(String name) throws IOException {
    KeyNames.requireValid("key name", name);
    if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new KeyFileException(Problem.KEY_MISSING, keyFile, "missing");
    }
    return withVkey(readKey(name), false, false);
  }

  /**
   * Pairs a key with its vkey file: checks the file, or writes it if it is missing and {@code
   * repair} is set. Destroys the key if anything fails.
   */
  private LedgerKeyPair withVkey(NoteSigningKey key, boolean repair, boolean created)
      throws IOException {
    try {
      NoteVerifierKey expected = key.verifierKey();
      if (!Files.exists(vkeyFile, LinkOption.NOFOLLOW_LINKS)) {
        if (!repair) {
          throw new KeyFileException(Problem.VKEY_MISSING, vkeyFile, "missing");
        }
        byte[] text = (expected.format() + "\n").getBytes(StandardCharsets.UTF_8);
        if (NewFiles.create(vkeyFile, text, VKEY_PERMISSIONS)) {
          return new LedgerKeyPair(key, expected, created);
        }
      }
      NoteVerifierKey found = readVkey();
      if (!found.equals(expected)) {
        throw new KeyFileException(
            Problem.VKEY_MISMATCH,
            vkeyFile,
            "holds "
                + found.format()
                + " but "
                + keyFile.getFileName()
                + " has the verifier key "
                + expected.format()
                + "; restore the matching pair (the vkey is public and can be rewritten from the"
                + " key)");
      }
      return new LedgerKeyPair(key, found, created);
    } catch (IOException | RuntimeException e) {
      key.destroy();
      throw e;
    }
  }

  private NoteVerifierKey readVkey() throws IOException {
    String text = readLine(vkeyFile, Problem.MALFORMED_VKEY);
    try {
      return NoteVerifierKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(Problem.MALFORMED_VKEY, vkeyFile, e.getMessage(), e);
    }
  }

  private NoteSigningKey readKey(String name) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(keyFile, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(
          Problem.NO_POSIX_PERMISSIONS,
          keyFile,
          "the file system has no POSIX permissions, so owner-only access cannot be checked",
          e);
    }
    if (!attributes.isRegularFile()) {
      throw new KeyFileException(
          Problem.NOT_A_REGULAR_FILE,
          keyFile,
          "is not a regular file (symbolic links are not followed for the signing key)");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.stream().anyMatch(BEYOND_OWNER::contains)) {
      throw new KeyFileException(
          Problem.PERMISSIONS_TOO_WIDE,
          keyFile,
          "mode "
              + mode(permissions)
              + " lets the group or others access the signing key; it must be owner-only (0600):"
              + " chmod 600 "
              + keyFile);
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw new KeyFileException(
          Problem.MALFORMED_KEY,
          keyFile,
          "is " + attributes.size() + " bytes, too large for a key");
    }
    byte[] raw = Files.readAllBytes(keyFile);
    int length = raw.length > 0 && raw[raw.length - 1] == '\n' ? raw.length - 1 : raw.length;
    byte[] skey = Arrays.copyOf(raw, length);
    Arrays.fill(raw, (byte) 0);
    NoteSigningKey key;
    try {
      key = NoteSigningKey.parse(skey, SecretKeyAccess.grant());
    } catch (IllegalArgumentException e) {
      // The parser's messages never quote the input.
      throw new KeyFileException(
          Problem.MALFORMED_KEY, keyFile, "not a valid signing key: " + e.getMessage());
    } finally {
      Arrays.fill(skey, (byte) 0);
    }
    if (!key.name().equals(name)) {
      String found = key.name();
      key.destroy();
      throw new KeyFileException(
          Problem.NAME_MISMATCH,
          keyFile,
          "the key is named \""
              + found
              + "\" but the log's origin is \""
              + name
              + "\"; use the matching origin or the matching key");
    }
    return key;
  }

  private static String readLine(Path file, Problem problem) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new KeyFileException(problem, file, "is " + size + " bytes, too large for a key");
    }
    byte[] raw = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      throw new KeyFileException(problem, file, "is not valid UTF-8", e);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static byte[] withNewline(byte[] line) {
    byte[] out = Arrays.copyOf(line, line.length + 1);
    out[line.length] = '\n';
    Arrays.fill(line, (byte) 0);
    return out;
  }

  /** Formats permissions as octal and symbolic, for example {@code 0640 (rw-r-----)}. */
  static String mode(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission p : permissions) {
      bits |=
          switch (p) {
            case OWNER_READ -> 0400;
            case OWNER_WRITE -> 0200;
            case OWNER_EXECUTE -> 0100;
            case GROUP_READ -> 040;
            case GROUP_WRITE -> 020;
            case GROUP_EXECUTE -> 010;
            case OTHERS_READ -> 04;
            case OTHERS_WRITE -> 02;
            case OTHERS_EXECUTE -> 01;
          };
    }
    String octal = Integer.toOctalString(bits);
    return "0"
        + "0".repeat(3 - octal.length())
        + octal
        + " ("
        + PosixFilePermissions.toString(permissions)
        + ")";
  }
}
