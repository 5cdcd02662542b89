package dev.parley.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.dataset.IdentifierType;
import dev.parley.cleanroom.dataset.SchemaException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalSchemaTest {
  private static final String SCHEMA =
      """
      {"identifiers": [{"name": "email", "type": "EMAIL"},
                       {"name": "phone_hash", "type": "PHONE_SHA256"}],
       "dimensions": [{"name": "region"}]}
      """;

  private static LocalSchema parse(String json, boolean blind) {
    return LocalSchema.parse(json.getBytes(StandardCharsets.UTF_8), "sales", blind);
  }

  @Test
  void parse_rawTypes_uploadAsHashes() {
    LocalSchema s = parse(SCHEMA, false);
    assertEquals("sales", s.uploadSchema().name());
    assertEquals(
        List.of(IdentifierType.EMAIL_SHA256, IdentifierType.PHONE_SHA256),
        s.uploadSchema().identifiers().stream().map(c -> c.type()).toList());
    assertEquals(LocalSchema.Source.EMAIL, s.identifiers().get(0).source());
    assertTrue(s.transformsLocally());
  }

  @Test
  void parse_blind_everyIdentifierUploadsAsToken() {
    LocalSchema s = parse(SCHEMA, true);
    assertTrue(
        s.uploadSchema().identifiers().stream().allMatch(c -> c.type() == IdentifierType.TOKEN));
  }

  @Test
  void parse_hashedOnly_notTransformed() {
    LocalSchema s =
        parse("{\"identifiers\": [{\"name\": \"e\", \"type\": \"EMAIL_SHA256\"}]}", false);
    assertFalse(s.transformsLocally());
  }

  @Test
  void parse_badInput_namesTheField() {
    SchemaException type =
        assertThrows(
            SchemaException.class,
            () -> parse("{\"identifiers\": [{\"name\": \"e\", \"type\": \"MD5\"}]}", false));
    assertEquals("identifiers[0].type", type.path());
    SchemaException name =
        assertThrows(
            SchemaException.class,
            () ->
                parse(
                    "{\"name\": \"other\", \"identifiers\": [{\"name\": \"e\", \"type\": \"EMAIL\"}]}",
                    false));
    assertEquals("name", name.path());
    SchemaException dims =
        assertThrows(
            SchemaException.class,
            () ->
                parse(
                    "{\"identifiers\": [{\"name\": \"e\", \"type\": \"EMAIL\"}],"
                        + " \"dimensions\": [{\"name\": \"Bad\"}]}",
                    false));
    assertEquals("dimensions[0].name", dims.path());
  }
}
