package dev.parley.gateway.signin.mail;

import dev.parley.gateway.config.SmtpSettings;
import dev.parley.gateway.config.SmtpStartTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Sends mail through the configured SMTP relay with Vert.x's {@link MailClient}.
 *
 * <p>With start-TLS {@code required} or {@code optional} the relay's certificate is checked against
 * its host name (RFC 3207 section 4.1 leaves the check to the client; Vert.x does it with the
 * {@code HTTPS} algorithm). Login is required exactly when a username is configured. A failure is
 * reported by its exception class only, since relays echo recipients in their error replies.
 */
public final class SmtpMailer implements Mailer {
  private final MailClient client;
  private final String description;

  /**
   * Creates the client; nothing connects until the first mail.
   *
   * @param vertx the Vert.x instance
   * @param settings settings with a host
   * @throws IllegalArgumentException if no host is configured
   */
  public SmtpMailer(Vertx vertx, SmtpSettings settings) {
    String host =
        settings
            .host()
            .orElseThrow(() -> new IllegalArgumentException("smtpHost: required for SMTP"));
    MailConfig config =
        new MailConfig()
            .setHostname(host)
            .setPort(settings.port())
            .setConnectTimeout(10_000)
            .setStarttls(
                switch (settings.startTls()) {
                  case REQUIRED -> StartTLSOptions.REQUIRED;
                  case OPTIONAL -> StartTLSOptions.OPTIONAL;
                  case DISABLED -> StartTLSOptions.DISABLED;
                });
    if (settings.startTls() != SmtpStartTls.DISABLED) {
      config.setHostnameVerificationAlgorithm("HTTPS");
    }
    if (settings.username().isPresent() && settings.password().isPresent()) {
      config
          .setLogin(LoginOption.REQUIRED)
          .setUsername(settings.username().get())
          .setPassword(settings.password().get().reveal());
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    this.client = MailClient.create(vertx, config);
    this.description =
        "smtp relay "
            + host
            + ":"
            + settings.port()
            + " (starttls "
            + settings.startTls().label()
            + ")";
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    MailMessage m =
        new MailMessage()
            .setFrom(mail.from())
            .setTo(mail.to())
            .setSubject(mail.subject())
            .setText(mail.text());
    return client
        .sendMail(m)
        .<Void>mapEmpty()
        .recover(
            e -> Future.failedFuture(new MailException("smtp relay refused or unreachable", e)));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    client.close();
  }
}
