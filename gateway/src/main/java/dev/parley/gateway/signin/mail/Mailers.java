package dev.parley.gateway.signin.mail;

import dev.parley.gateway.config.SmtpSettings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Chooses the mailer the settings ask for. */
public final class Mailers {
  private Mailers() {}

  /**
   * Returns an {@link SmtpMailer} when a relay host is configured, else a {@link DevMailbox}.
   *
   * @param vertx the Vert.x instance
   * @param settings the SMTP settings
   * @param dataDir the data directory (for the dev mailbox)
   * @param clock the clock
   * @return the mailer
   */
  public static Mailer create(Vertx vertx, SmtpSettings settings, Path dataDir, Clock clock) {
    return settings.relayConfigured()
        ? new SmtpMailer(vertx, settings)
        : new DevMailbox(vertx, dataDir, clock, new SecureRandom());
  }
}
