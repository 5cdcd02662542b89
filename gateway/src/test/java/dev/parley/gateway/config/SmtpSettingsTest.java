package dev.parley.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
  @Test
  void fromEnvironment_nothingSet_devMailboxDefaults() {
    SmtpSettings s = SmtpSettings.fromEnvironment(Map.of());
    assertFalse(s.relayConfigured());
    assertEquals(587, s.port());
    assertEquals(SmtpStartTls.REQUIRED, s.startTls());
    assertEquals(SmtpSettings.DEFAULT_FROM, s.from());
    assertEquals(Optional.empty(), s.password());
  }

  @Test
  void fromEnvironment_everythingSet_parsedAndPasswordRedacted() {
    SmtpSettings s =
        SmtpSettings.fromEnvironment(
            Map.of(
                "PARLEY_SMTP_HOST", " mail.example.org ",
                "PARLEY_SMTP_PORT", "2525",
                "PARLEY_SMTP_STARTTLS", "Required",
                "PARLEY_SMTP_USERNAME", "parley",
                "PARLEY_SMTP_PASSWORD", "hunter2-secret",
                "PARLEY_SMTP_FROM", "no-reply@example.org"));
    assertEquals(Optional.of("mail.example.org"), s.host());
    assertEquals(2525, s.port());
    assertEquals("hunter2-secret", s.password().orElseThrow().reveal());
    assertEquals("no-reply@example.org", s.from());
    assertFalse(s.toString().contains("hunter2"), s.toString());
    assertTrue(s.toString().contains("password=[redacted]"), s.toString());
    assertEquals("[redacted]", s.password().orElseThrow().toString());
  }

  @Test
  void fromEnvironment_badValues_everyProblemNamesSettingAndVariable() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                SmtpSettings.fromEnvironment(
                    Map.of(
                        "PARLEY_SMTP_HOST", "mail example",
                        "PARLEY_SMTP_PORT", "0",
                        "PARLEY_SMTP_STARTTLS", "maybe",
                        "PARLEY_SMTP_PASSWORD", "pw-only",
                        "PARLEY_SMTP_FROM", "Parley <x@example.org>")));
    assertEquals(
        List.of(
            "smtpStartTls (PARLEY_SMTP_STARTTLS): must be one of required, optional, disabled,"
                + " got 'maybe'",
            "smtpHost (PARLEY_SMTP_HOST): must be a host name or literal address, got 'mail"
                + " example'",
            "smtpPort (PARLEY_SMTP_PORT): must be 1-65535, got 0",
            "smtpPassword (PARLEY_SMTP_PASSWORD): set without PARLEY_SMTP_USERNAME",
            "smtpFrom (PARLEY_SMTP_FROM): must be a plain address local@domain, got 'Parley"
                + " <x@example.org>'"),
        e.problems());
    assertFalse(e.getMessage().contains("pw-only"), e.getMessage());
  }

  @Test
  void fromEnvironment_relaySettingsWithoutHost_reportedAsNoEffect() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> SmtpSettings.fromEnvironment(Map.of("PARLEY_SMTP_PORT", "25")));
    assertEquals(
        List.of(
            "smtpPort (PARLEY_SMTP_PORT): has no effect without PARLEY_SMTP_HOST (the dev"
                + " mailbox is used)"),
        e.problems());
  }

  @Test
  void fromEnvironment_passwordInClearToRemoteRelay_refused() {
    Map<String, String> env =
        Map.of(
            "PARLEY_SMTP_HOST", "mail.example.org",
            "PARLEY_SMTP_STARTTLS", "optional",
            "PARLEY_SMTP_USERNAME", "u",
            "PARLEY_SMTP_PASSWORD", "p");
    ConfigException e =
        assertThrows(ConfigException.class, () -> SmtpSettings.fromEnvironment(env));
    assertEquals(
        List.of(
            "smtpStartTls (PARLEY_SMTP_STARTTLS): must be 'required' when a password is sent to"
                + " a relay that is not on loopback, got 'optional'"),
        e.problems());
    SmtpSettings local =
        SmtpSettings.fromEnvironment(
            Map.of(
                "PARLEY_SMTP_HOST", "127.0.0.1",
                "PARLEY_SMTP_STARTTLS", "disabled",
                "PARLEY_SMTP_USERNAME", "u",
                "PARLEY_SMTP_PASSWORD", "p"));
    assertEquals(SmtpStartTls.DISABLED, local.startTls());
  }

  @Test
  void load_smtpProblems_reportedWithTheOthers() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(
                        "PARLEY_PORT", "eighty", "PARLEY_SMTP_HOST", "x", "PARLEY_SMTP_PORT", "y"),
                    Map.of()));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().contains("smtpPort (PARLEY_SMTP_PORT): must be an integer, got 'y'"));
    ParleyConfig ok =
        ConfigLoader.load(null, Map.of("PARLEY_SMTP_HOST", "relay.example.org"), Map.of());
    assertEquals(Optional.of("relay.example.org"), ok.smtp().host());
  }
}
