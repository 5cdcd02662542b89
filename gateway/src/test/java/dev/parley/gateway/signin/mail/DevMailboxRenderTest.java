package dev.parley.gateway.signin.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DevMailboxRenderTest {
  @Test
  void render_mail_rfc5322WithCrlfAndMimeHeaders() {
    String eml =
        DevMailbox.render(
            new OutgoingMail("parley@localhost", "a@example.org", "Hello", "line one\nline two\n"),
            Instant.parse("2026-11-23T10:00:00Z"),
            "abc123");
    assertEquals(
        String.join(
                "\r\n",
                "Date: Mon, 23 Nov 2026 10:00:00 +0000",
                "From: parley@localhost",
                "To: a@example.org",
                "Subject: Hello",
                "Message-ID: <abc123@dev-mailbox.parley>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "line one",
                "line two")
            + "\r\n",
        eml);
  }

  @Test
  void render_bareCarriageReturnInText_dropped() {
    String eml =
        DevMailbox.render(
            new OutgoingMail("p@localhost", "a@example.org", "S", "a\r\nb\rc"),
            Instant.parse("2026-11-23T10:00:00Z"),
            "x");
    assertEquals("a\r\nbc\r\n", eml.substring(eml.indexOf("\r\n\r\n") + 4));
  }
}
