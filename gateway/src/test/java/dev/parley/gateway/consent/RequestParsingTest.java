package dev.parley.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.purpose.Purpose;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure parsers behind the consent routes: decisions, TCF batches and RFC 3339 times. */
class RequestParsingTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final List<String> PARTNERS = List.of("acme", "globex");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void decision_grantWithOffsetExpiry_parsedToUtcAndBuiltForConsentCenter() {
    DecisionRequest r =
        DecisionRequest.parse(
            utf8(
                "{\"status\":\"given\",\"purpose\":\"basic-ads\",\"partner\":\"globex\","
                    + "\"expiresAt\":\"2026-03-01T12:00:00.5+01:00\"}"),
            PARTNERS,
            NOW);
    assertEquals(Optional.of(Instant.parse("2026-03-01T11:00:00.500Z")), r.expiresAt());
    ConsentDecision d = r.toDecision(ConsentApiServer.token(1), NOW);
    assertEquals("globex", d.partner());
    assertEquals(java.util.Set.of(Purpose.BASIC_ADS), d.purposes());
    assertEquals(ConsentStatus.GIVEN, d.status());
    assertEquals(ConsentSource.CONSENT_CENTER, d.source());
    assertEquals(DecisionRequest.NOTICE_VERSION, d.policyVersion());
    assertEquals(NOW, d.time());
  }

  @Test
  void decision_controlCharactersInEchoedValue_replaced() {
    String msg =
        error(
            () ->
                DecisionRequest.parse(
                    utf8("{\"partner\":\"a\\u0007b\",\"purpose\":\"x\",\"status\":\"given\"}"),
                    PARTNERS,
                    NOW));
    assertTrue(msg.startsWith("partner: unknown partner 'a?b'"), msg);
  }

  @Test
  void decision_nullMember_rejectedAsWrongType() {
    assertEquals(
        "expiresAt: must be a string, got null",
        error(
            () ->
                DecisionRequest.parse(
                    utf8(
                        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\","
                            + "\"expiresAt\":null}"),
                    PARTNERS,
                    NOW)));
  }

  @Test
  void tcf_validBatch_linesInOrderAndValidityInDays() {
    String s1 = ConsentApiServer.token(1).toBase64Url();
    String s2 = ConsentApiServer.token(2).toBase64Url();
    TcfRequest r =
        TcfRequest.parse(
            utf8(
                "{\"validityDays\":30,\"records\":[{\"subject\":\""
                    + s1
                    + "\",\"tcString\":\"A\"},{\"tcString\":\"B\",\"subject\":\""
                    + s2
                    + "\"}]}"));
    assertEquals(Optional.of(Duration.ofDays(30)), r.validity());
    assertEquals(ConsentApiServer.token(2), r.lines().get(1).subject());
    assertEquals("B", r.lines().get(1).tcString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"records\":[{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\"}]}|records[0].tcString: is required",
        "{\"records\":[7]}|records[0]: must be an object, got a number",
        "{\"records\":{}}|records: must be an array, got an object",
        "{\"validityDays\":1.5,\"records\":[]}|validityDays: must be an integer from 1 to 3650, got 1.5",
        "{\"records\":[{\"subject\":\"AAAA\",\"tcString\":\"x\"}]}|records[0].subject: must be 16-64 bytes, got 3",
        "{}|records: is required",
        "{\"records\":[],}|body: not valid JSON",
      })
  void tcf_malformed_namesTheField(String body, String expected) {
    String msg = error(() -> TcfRequest.parse(utf8(body)));
    assertTrue(msg.startsWith(expected), msg);
  }

  @Test
  void tcf_overlongString_rejectedWithoutEchoingIt() {
    String tc = "C".repeat(TcfRequest.MAX_TC_STRING + 1);
    String msg =
        error(
            () ->
                TcfRequest.parse(
                    utf8(
                        "{\"records\":[{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"tcString\":\""
                            + tc
                            + "\"}]}")));
    assertEquals("records[0].tcString: longer than 8192 characters", msg);
  }

  @ParameterizedTest
  @CsvSource({
    "2027-01-31T23:59:59Z, 2027-01-31T23:59:59Z",
    "2027-01-31t23:59:59z, 2027-01-31T23:59:59Z",
    "2027-01-31T23:59:59.123456789-05:30, 2027-02-01T05:29:59.123456789Z",
    "1985-04-12T23:20:50.52Z, 1985-04-12T23:20:50.520Z",
  })
  void rfc3339_validDateTimes_parsed(String text, String expected) {
    assertEquals(Instant.parse(expected), Rfc3339.parse(text, "t"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-01-31",
        "2027-01-31T23:59Z",
        "2027-01-31T23:59:59",
        "2027-01-31 23:59:59Z",
        "2027-02-30T00:00:00Z",
        "2027-01-31T24:00:00Z",
        "2027-01-31T23:59:60Z",
        "2027-01-31T23:59:59+0100",
        "+2027-01-31T23:59:59Z",
      })
  void rfc3339_invalid_rejectedNamingTheField(String text) {
    String msg = error(() -> Rfc3339.parse(text, "expiresAt"));
    assertTrue(msg.startsWith("expiresAt: must be an RFC 3339 date-time"), msg);
  }
}
