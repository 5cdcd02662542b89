package dev.parley.gateway.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.gateway.signin.mail.DevMailbox;
import dev.parley.gateway.web.ConsentCenterComponent;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no SMTP host the code lands in the dev mailbox, and the address is never logged. */
class DevMailboxTest {
  private static final String EMAIL = "Quinn.Example+Parley@Example.com";

  @TempDir Path data;

  @Test
  void signIn_noSmtpHost_emlFileOwnerOnlyCodeWorksAndAddressNeverLogged() throws Exception {
    try (LogCapture logs = new LogCapture(Level.ALL)) {
      ParleyServer server =
          ParleyServer.start(
              TestServers.config(data, TlsMode.AUTO),
              Clock.systemUTC(),
              List.of(
                  LedgerComponent.factory(),
                  AuthComponent.factory(),
                  MatchingComponent.factory(),
                  ConsentCenterComponent.factory()));
      String code;
      try {
        Browserless person = new Browserless(server.baseUrl());
        HttpResponse<String> r =
            person.send("POST", "/signin/start", new JsonObject().put("email", EMAIL).encode());
        assertEquals(202, r.statusCode(), r.body());
        String challenge = new JsonObject(r.body()).getString("challenge");

        Path box = data.resolve(DevMailbox.FOLDER);
        assertEquals(
            "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(box)));
        List<Path> files;
        try (Stream<Path> s = Files.list(box)) {
          files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        Path eml = files.get(0);
        assertTrue(eml.getFileName().toString().endsWith(".eml"), eml.toString());
        assertFalse(eml.toString().toLowerCase(Locale.ROOT).contains("quinn"), eml.toString());
        assertEquals(
            "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(eml)));
        String text = Files.readString(eml, StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\nTo: " + EMAIL + "\r\n"), text);
        assertTrue(text.contains("\r\nSubject: " + SignInMail.SUBJECT + "\r\n"), text);
        assertTrue(text.contains("\r\n\r\n"), "headers end with an empty line");
        Matcher m =
            Pattern.compile("\\b([0-9]{6})\\b").matcher(text.substring(text.indexOf("\r\n\r\n")));
        assertTrue(m.find(), text);
        code = m.group(1);

        HttpResponse<String> v =
            person.send(
                "POST",
                "/signin/verify",
                new JsonObject().put("challenge", challenge).put("code", code).encode());
        assertEquals(200, v.statusCode(), v.body());

        long pointing =
            logs.lines().stream()
                .filter(l -> l.contains("dev mailbox: mail written") && l.contains(eml.toString()))
                .count();
        assertEquals(1, pointing, "one log line names the file: " + logs.lines());
      } finally {
        server.stop();
      }
      assertFalse(logs.lines().isEmpty(), "logs were captured");
      for (String line : logs.lines()) {
        String lower = line.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("quinn"), "address in a log line: " + line);
        assertFalse(line.contains(code), "code in a log line: " + line);
      }
    }
  }
}
