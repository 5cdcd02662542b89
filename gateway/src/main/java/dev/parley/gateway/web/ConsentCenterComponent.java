package dev.parley.gateway.web;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.config.SmtpSettings;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.logging.Logging;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.gateway.signin.EmailSubjects;
import dev.parley.gateway.signin.SignInChallenges;
import dev.parley.gateway.signin.SignInRoutes;
import dev.parley.gateway.signin.mail.Mailer;
import dev.parley.gateway.signin.mail.Mailers;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumer consent center: sign-in by one-time code ({@link SignInRoutes}) and the page at
 * {@code /consent-center/}. Needs {@link AuthComponent} (sessions, security events) and {@link
 * MatchingComponent} (the key that turns an address into a subject token) created before it.
 */
public final class ConsentCenterComponent implements Component {
  private static final Logger LOG = Logger.getLogger(ConsentCenterComponent.class.getName());

  private final SignInRoutes signIn;
  private final SignInChallenges challenges;
  private final Mailer mailer;
  private final ConsentCenterPage page = new ConsentCenterPage();

  private ConsentCenterComponent(SignInRoutes signIn, SignInChallenges challenges, Mailer mailer) {
    this.signIn = signIn;
    this.challenges = challenges;
    this.mailer = mailer;
  }

  /**
   * Returns the production factory: the configuration's SMTP settings (from the {@code
   * PARLEY_SMTP_*} environment variables; no host: the dev mailbox) and the default rate limits.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return factory(ctx -> ctx.config().smtp(), SignInChallenges.Limits.DEFAULT);
  }

  /**
   * Returns a factory with explicit settings (tests).
   *
   * @param smtp the mail settings, chosen when the component is created
   * @param limits the sign-in rate limits
   * @return the factory
   */
  public static ComponentFactory factory(
      Function<ComponentFactory.Context, SmtpSettings> smtp, SignInChallenges.Limits limits) {
    return ctx -> {
      AuthComponent auth = ctx.require(AuthComponent.class);
      MatchingComponent matching = ctx.require(MatchingComponent.class);
      SmtpSettings settings = smtp.apply(ctx);
      Mailer mailer = Mailers.create(ctx.vertx(), settings, ctx.dataDir(), ctx.clock());
      SignInChallenges challenges = new SignInChallenges(ctx.clock(), new SecureRandom(), limits);
      SignInRoutes routes =
          new SignInRoutes(
              new EmailSubjects(matching.keyring()),
              challenges,
              mailer,
              settings.from(),
              auth.sessions(),
              auth.events(),
              ctx.clock());
      Logging.event(
          LOG,
          Level.INFO,
          "consent center: sign-in codes are delivered by " + mailer.description(),
          Map.of("page", ConsentCenterPage.PATH));
      return new ConsentCenterComponent(routes, challenges, mailer);
    };
  }

  /**
   * Returns the open sign-in challenges (for tests and readiness).
   *
   * @return the challenge book
   */
  public SignInChallenges challenges() {
    return challenges;
  }

  /**
   * Returns the mailer delivering sign-in codes.
   *
   * @return the mailer
   */
  public Mailer mailer() {
    return mailer;
  }

  @Override
  public String name() {
    return "consent-center";
  }

  @Override
  public void mount(Router router) {
    signIn.mount(router);
    page.mount(router);
  }

  @Override
  public Readiness readiness() {
    return Readiness.up();
  }

  @Override
  public void close() {
    mailer.close();
  }
}
