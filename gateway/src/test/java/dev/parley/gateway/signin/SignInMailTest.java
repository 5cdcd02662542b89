package dev.parley.gateway.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.signin.mail.OutgoingMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInMailTest {
  @Test
  void deliveryAddress_plainAddressWithSpaces_trimmedOnly() {
    assertEquals(
        "Jane.Doe+news@Example.org", SignInMail.deliveryAddress("  Jane.Doe+news@Example.org "));
  }

  @Test
  void deliveryAddress_notPlain_rejectedWithoutEchoingIt() {
    for (String bad :
        new String[] {
          "\"quoted\"@example.org", "a<b@example.org", "a,b@example.org", "jane@localhost",
          "jane@-example.org", ".jane@example.org", "jane..doe@example.org", "jané@example.org"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SignInMail.deliveryAddress(bad), bad);
      assertTrue(e.getMessage().startsWith("email: "), e.getMessage());
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void compose_code_inBodyNotSubjectAndToStringRedacted() {
    OneTimeCode code = OneTimeCode.fromNumber(42, 6);
    OutgoingMail mail =
        SignInMail.compose(
            "parley@localhost", "jane@example.org", code, Instant.parse("2026-11-23T10:10:00Z"));
    assertTrue(mail.text().contains("    000042\n"), mail.text());
    assertTrue(mail.text().contains("until 10:10 UTC"), mail.text());
    assertFalse(mail.subject().contains("000042"));
    assertFalse(mail.toString().contains("jane"), mail.toString());
    assertFalse(mail.toString().contains("000042"), mail.toString());
  }

  @Test
  void outgoingMail_headerWithLineBreak_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OutgoingMail("a@b.org", "x@y.org\r\nBcc: z@w.org", "s", "t"));
    assertEquals("to: control character at index 7", e.getMessage());
  }
}
