package dev.parley.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTransformerTest {
  private static final String SCHEMA =
      """
      {"identifiers": [{"name": "email", "type": "EMAIL"},
                       {"name": "phone", "type": "PHONE"}],
       "dimensions": [{"name": "region"}]}
      """;

  private static RowTransformer transformer(boolean blind) {
    LocalSchema s = LocalSchema.parse(SCHEMA.getBytes(StandardCharsets.UTF_8), "d", blind);
    return new RowTransformer(s, List.of("region", "phone", "email"));
  }

  private static String emailHash(String raw) {
    return IdentifierHash.of(Normalizer.normalizeEmail(raw)).toHex();
  }

  @Test
  void transform_rawEmailAndPhone_hashedLocally_inSchemaOrder() {
    RowTransformer t = transformer(false);
    assertEquals(List.of("email", "phone", "region"), t.header());
    var r = t.transform(1, List.of("north", "+15550100123", " Jane.Doe@Example.com"));
    var ready = (RowTransformer.Ready) r;
    assertEquals(emailHash(" Jane.Doe@Example.com"), ready.fields().get(0));
    assertEquals(
        IdentifierHash.of(Normalizer.normalizePhone("+15550100123")).toHex(),
        ready.fields().get(1));
    assertEquals("north", ready.fields().get(2));
    assertFalse(ready.fields().toString().contains("Jane"), "no raw value leaves");
  }

  @Test
  void transform_unnormalizableEmail_rejectedLocallyWithoutEchoingIt() {
    var r = transformer(false).transform(7, List.of("north", "", "not an email"));
    var rejected = (RowTransformer.Rejected) r;
    assertEquals(7, rejected.rejection().row());
    assertEquals("email", rejected.rejection().column());
    assertFalse(rejected.rejection().reason().contains("not an email"));
  }

  @Test
  void transform_blind_firstNonEmptyIdentifierChosen_othersEmptied() {
    var r = transformer(true).transform(1, List.of("south", "+15550100123", "a@example.com"));
    var needs = (RowTransformer.NeedsToken) r;
    assertEquals(0, needs.column());
    assertEquals(emailHash("a@example.com"), needs.hash().toHex());
    assertEquals(List.of("", "", "south"), needs.fields());
    var phoneOnly =
        (RowTransformer.NeedsToken)
            transformer(true).transform(2, List.of("s", "+15550100123", ""));
    assertEquals(1, phoneOnly.column());
  }

  @Test
  void transform_wrongFieldCount_rejected_badHeader_refused() {
    assertTrue(
        transformer(false).transform(3, List.of("a", "b")) instanceof RowTransformer.Rejected);
    LocalSchema s = LocalSchema.parse(SCHEMA.getBytes(StandardCharsets.UTF_8), "d", false);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RowTransformer(s, List.of("email", "email", "extra")));
    assertTrue(e.getMessage().contains("column 'email' appears twice"), e.getMessage());
    assertTrue(e.getMessage().contains("column 3 is not in the schema"), e.getMessage());
    assertTrue(e.getMessage().contains("column 'phone' is missing"), e.getMessage());
  }
}
