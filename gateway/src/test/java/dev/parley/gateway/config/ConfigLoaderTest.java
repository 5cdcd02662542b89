package dev.parley.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void load_nothingSet_usesLoopbackDefaults() {
    ParleyConfig cfg = ConfigLoader.load(null, Map.of(), Map.of());
    assertEquals("127.0.0.1", cfg.host());
    assertEquals(8080, cfg.port());
    assertEquals(Path.of("data").toAbsolutePath(), cfg.dataDir());
    assertFalse(cfg.tlsEnabled(), "plain HTTP on loopback by default");
  }

  @Test
  void build_portOutOfRange_reportsFieldAndValue() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ParleyConfig.builder().port(70000).build());
    assertEquals(List.of("port: must be 1-65535, got 70000"), e.problems());
  }

  @Test
  void load_precedence_flagsOverEnvOverFile() throws Exception {
    Path file = dir.resolve("parley.json");
    Files.writeString(
        file,
        "{\"port\": 9001, \"host\": \"127.0.0.2\", \"shutdownGraceSeconds\": 7}",
        StandardCharsets.UTF_8);
    ParleyConfig cfg =
        ConfigLoader.load(
            file, Map.of("PARLEY_PORT", "9002", "PARLEY_HOST", "::1"), Map.of("port", "9003"));
    assertEquals(9003, cfg.port());
    assertEquals("::1", cfg.host());
    assertEquals(Duration.ofSeconds(7), cfg.shutdownGrace());
  }

  @Test
  void load_badValuesEverywhere_reportsEveryProblemWithSource() throws Exception {
    Path file = dir.resolve("parley.json");
    Files.writeString(
        file, "{\"prot\": 1, \"shutdownGraceSeconds\": \"ten\"}", StandardCharsets.UTF_8);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(file, Map.of("PARLEY_PORT", "eighty"), Map.of("tls", "maybe")));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(
        e.problems().contains("port (PARLEY_PORT): must be an integer, got 'eighty'"),
        e.getMessage());
    assertTrue(
        e.problems().contains("tls (--tls): must be one of auto, on, off, got 'maybe'"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("prot (" + file + "): not a configuration key"), e.getMessage());
    assertTrue(
        e.getMessage().contains("shutdownGraceSeconds (" + file + "): must be an integer"),
        e.getMessage());
  }

  @Test
  void build_tlsOffOnPublicAddress_rejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ParleyConfig.builder().host("0.0.0.0").tls(TlsMode.OFF).build());
    assertEquals(
        List.of("tls: plain HTTP is allowed only on a loopback address, but host is '0.0.0.0'"),
        e.problems());
  }

  @Test
  void tlsEnabled_autoOnPublicAddress_true() {
    assertTrue(ParleyConfig.builder().host("0.0.0.0").build().tlsEnabled());
    assertFalse(ParleyConfig.builder().host("localhost").build().tlsEnabled());
    assertTrue(ParleyConfig.builder().host("127.0.0.1").tls(TlsMode.ON).build().tlsEnabled());
  }

  @Test
  void build_hostName_rejectedUnlessLiteralOrLocalhost() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ParleyConfig.builder().host("example.org").build());
    assertEquals(
        List.of("host: must be a literal IP address or localhost, got 'example.org'"),
        e.problems());
  }
}
