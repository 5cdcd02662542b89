package dev.parley.gateway.signin.mail;

import dev.parley.gateway.logging.Logging;
import dev.parley.ledger.io.SecretFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded default mailer: writes each mail as an RFC 5322 {@code .eml} file under {@code
 * <data>/dev-mailbox/} instead of sending it, so the consent center works with nothing external.
 *
 * <p>The folder is mode 0700 and each file mode 0600 from its creation (they hold a recipient
 * address and a sign-in code). One log line per mail names the file, never its content. The file
 * name is the time and a random suffix, never derived from the recipient.
 */
public final class DevMailbox implements Mailer {
  /** The folder under the data directory. */
  public static final String FOLDER = "dev-mailbox";

  private static final Logger LOG = Logger.getLogger(DevMailbox.class.getName());
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** RFC 5322 section 3.3 date-time with a numeric zone (not the obsolete "GMT"). */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss xx", Locale.US);

  private final Vertx vertx;
  private final Path dir;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * Creates the mailbox; the folder is created on the first mail.
   *
   * @param vertx the Vert.x instance (file writes run on its worker threads)
   * @param dataDir the data directory
   * @param clock the clock stamping mails
   * @param random the source of file-name suffixes and message ids
   */
  public DevMailbox(Vertx vertx, Path dataDir, Clock clock, SecureRandom random) {
    this.vertx = vertx;
    this.dir = dataDir.resolve(FOLDER);
    this.clock = clock;
    this.random = random;
  }

  /**
   * Returns the folder mails are written to.
   *
   * @return {@code <data>/dev-mailbox}
   */
  public Path folder() {
    return dir;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    return vertx.executeBlocking(
        () -> {
          Path file = write(mail);
          Logging.event(
              LOG,
              Level.INFO,
              "dev mailbox: mail written (no SMTP relay configured)",
              Map.of("path", file.toString()));
          return null;
        },
        false);
  }

  private Path write(OutgoingMail mail) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Instant now = clock.instant();
    byte[] suffix = new byte[6];
    random.nextBytes(suffix);
    String id = HexFormat.of().formatHex(suffix);
    Path file = dir.resolve(FILE_TIME.format(now) + "-" + id + ".eml");
    SecretFiles.writeOwnerOnly(file, render(mail, now, id).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /**
   * Renders a mail as an RFC 5322 message: header fields, an empty line, the body, with CRLF line
   * endings (RFC 5322 section 2.1) and a MIME text/plain UTF-8 body (RFC 2045, RFC 2046).
   *
   * @param mail the mail
   * @param date the origination date
   * @param id a unique token for the Message-ID
   * @return the message text
   */
  static String render(OutgoingMail mail, Instant date, String id) {
    StringBuilder sb = new StringBuilder();
    header(sb, "Date", DATE.format(date.atOffset(ZoneOffset.UTC)));
    header(sb, "From", mail.from());
    header(sb, "To", mail.to());
    header(sb, "Subject", mail.subject());
    header(sb, "Message-ID", "<" + id + "@dev-mailbox.parley>");
    header(sb, "MIME-Version", "1.0");
    header(sb, "Content-Type", "text/plain; charset=UTF-8");
    header(sb, "Content-Transfer-Encoding", "8bit");
    sb.append("\r\n");
    String text =
        mail.text().endsWith("\n")
            ? mail.text().substring(0, mail.text().length() - 1)
            : mail.text();
    for (String line : text.split("\n", -1)) {
      sb.append(line.replace("\r", "")).append("\r\n");
    }
    return sb.toString();
  }

  private static void header(StringBuilder sb, String name, String value) {
    sb.append(name).append(": ").append(value).append("\r\n");
  }

  @Override
  public String description() {
    return "dev mailbox " + dir;
  }
}
