package dev.parley.gateway.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.config.SmtpSettings;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.gateway.web.ConsentCenterComponent;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the relay cannot take the mail, the start fails cleanly and leaves no challenge behind. */
class SignInRelayDownTest {
  @TempDir Path data;

  @Test
  void start_relayUnreachable_503ChallengeWithdrawnAddressNotLogged() throws Exception {
    int closedPort = TestServers.freePort();
    SmtpSettings smtp =
        SmtpSettings.fromEnvironment(
            Map.of(
                SmtpSettings.ENV_HOST, "127.0.0.1",
                SmtpSettings.ENV_PORT, Integer.toString(closedPort),
                SmtpSettings.ENV_STARTTLS, "disabled"));
    ParleyServer server =
        ParleyServer.start(
            TestServers.config(data, TlsMode.AUTO),
            Clock.systemUTC(),
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                ConsentCenterComponent.factory(ctx -> smtp, SignInChallenges.Limits.DEFAULT)));
    try (LogCapture logs = new LogCapture(Level.INFO)) {
      HttpResponse<String> r =
          new Browserless(server.baseUrl())
              .send(
                  "POST",
                  "/signin/start",
                  new JsonObject().put("email", "sam.unreachable@example.org").encode());
      assertEquals(503, r.statusCode(), r.body());
      assertEquals(
          "email: the sign-in code could not be sent; try again later",
          new JsonObject(r.body()).getString("detail"));
      assertEquals(
          0, server.component(ConsentCenterComponent.class).orElseThrow().challenges().size());
      assertTrue(
          logs.lines().stream().anyMatch(l -> l.contains("sign-in code not delivered")),
          logs.lines().toString());
      for (String line : logs.lines()) {
        assertFalse(line.toLowerCase(Locale.ROOT).contains("sam.unreachable"), line);
      }
    } finally {
      server.stop();
    }
  }
}
