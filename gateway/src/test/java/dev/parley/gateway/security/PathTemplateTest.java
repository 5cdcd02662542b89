package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.validation.ContractDocument;
import dev.parley.gateway.validation.OperationIndex;
import dev.parley.gateway.validation.PathTemplate;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  @Test
  void match_oneSegmentParameters_decodedByName() {
    PathTemplate t = PathTemplate.compile("/consent/subjects/{subject}/receipts/{index}", null);
    assertEquals(
        Optional.of(Map.of("subject", "a b", "index", "7")),
        t.match("/consent/subjects/a%20b/receipts/7"));
    assertEquals(Optional.empty(), t.match("/consent/subjects/a/receipts"));
    assertEquals(Optional.empty(), t.match("/consent/subjects//receipts/7"), "empty segment");
    assertEquals(Optional.empty(), t.match("/consent/subjects/a/receipts/7/8"));
  }

  @Test
  void match_trailingSlash_ignoredLikeTheRouter() {
    PathTemplate t = PathTemplate.compile("/consent/catalog", null);
    assertTrue(t.match("/consent/catalog/").isPresent());
    assertEquals(Optional.empty(), t.match("/consent/catalog//"));
  }

  @Test
  void match_wildcardRoute_lastParameterTakesTheRest() {
    PathTemplate t = PathTemplate.compile("/ledger/tile/{tilePath}", "/ledger/tile/*");
    assertEquals(Optional.of(Map.of("tilePath", "0/x001/234")), t.match("/ledger/tile/0/x001/234"));
    PathTemplate page = PathTemplate.compile("/consent-center/{asset}", "/consent-center/*");
    assertEquals(Optional.of(Map.of("asset", "")), page.match("/consent-center/"));
    assertEquals(Optional.empty(), page.match("/consent-center"));
  }

  @Test
  void match_malformedEscapes_matchNothing() {
    PathTemplate t = PathTemplate.compile("/consent/subjects/{subject}", null);
    assertEquals(Optional.empty(), t.match("/consent/subjects/%zz"));
    assertEquals(Optional.empty(), t.match("/consent/subjects/%C3"), "truncated UTF-8");
    assertEquals(Optional.empty(), t.match("/consent/subjects/%ff%fe"), "not UTF-8");
    assertEquals(Optional.of(Map.of("subject", "é+x")), t.match("/consent/subjects/%C3%A9+x"));
  }

  @Test
  void compile_malformedTemplates_rejectedNamingTheTemplate() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.compile("/a/x{b}", null));
    assertTrue(e.getMessage().startsWith("/a/x{b}: "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.compile("/a/b", "/a/*"));
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.compile("a/b", null));
  }

  @Test
  void find_contract_concretePathsBeforeTemplatesAndMethodMatters() {
    OperationIndex index = new OperationIndex(ContractDocument.load().operations());
    assertEquals(
        "getConsentCatalog",
        index.find(HttpMethod.GET, "/consent/catalog").orElseThrow().operation().id());
    assertEquals(
        "getConsentHistory",
        index.find(HttpMethod.GET, "/consent/subjects/abc/history").orElseThrow().operation().id());
    assertEquals(
        "eraseConsentSubject",
        index.find(HttpMethod.DELETE, "/consent/subjects/abc").orElseThrow().operation().id());
    assertEquals(Optional.empty(), index.find(HttpMethod.PUT, "/consent/subjects/abc"));
    assertEquals(Optional.empty(), index.find(HttpMethod.GET, "/no/such/path"));
  }
}
