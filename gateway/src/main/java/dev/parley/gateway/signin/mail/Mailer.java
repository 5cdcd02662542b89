package dev.parley.gateway.signin.mail;

import io.vertx.core.Future;

/**
 * Delivers mail: through an SMTP relay ({@link SmtpMailer}) or, with none configured, into the
 * embedded dev mailbox ({@link DevMailbox}).
 *
 * <p>Guarantees expected of implementations: {@link #send} never blocks the calling (event-loop)
 * thread, and neither logs nor puts into a failure message the recipient or the text.
 */
public interface Mailer extends AutoCloseable {
  /**
   * Sends one mail.
   *
   * @param mail the mail
   * @return completes when the relay accepted it or the file is durable
   */
  Future<Void> send(OutgoingMail mail);

  /**
   * Returns a one-line description for logs and readiness (never a password).
   *
   * @return for example {@code smtp relay mail.example.org:587} or {@code dev mailbox /data/...}
   */
  String description();

  @Override
  default void close() {}
}
