package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.validation.ContractDocument;
import dev.parley.gateway.validation.ContractOperation;
import dev.parley.gateway.validation.ContractRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/security.md} states who may call what; its role table must equal the contract's
 * {@code x-parley-roles}. On a mismatch the failure shows the table to paste between the markers.
 */
class SecurityDocTest {
  static final String BEGIN =
      "<!-- roles:begin (generated from x-parley-roles; SecurityDocTest checks it) -->";
  static final String END = "<!-- roles:end -->";

  /** The role table of the contract, one row per operation, grouped by tag then path. */
  static String table() {
    List<ContractOperation> ops = new ArrayList<>(ContractDocument.load().operations());
    ops.sort(
        Comparator.comparing((ContractOperation o) -> o.tags().isEmpty() ? "" : o.tags().getFirst())
            .thenComparing(o -> o.path().template())
            .thenComparing(o -> o.method().name()));
    StringBuilder b = new StringBuilder();
    b.append("| Operation | Method and path | public | consumer | partner | auditor |\n");
    b.append("|---|---|:-:|:-:|:-:|:-:|\n");
    for (ContractOperation op : ops) {
      b.append("| `")
          .append(op.id())
          .append("` | `")
          .append(op.method().name())
          .append(' ')
          .append(op.path().template())
          .append("` |");
      for (ContractRole r : ContractRole.values()) {
        boolean allowed = op.isPublic() || op.roles().contains(r);
        b.append(' ').append(allowed ? "yes" : "-").append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Test
  void roleTable_matchesContract() throws Exception {
    Path doc = Path.of("..", "docs", "security.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    assertTrue(from >= 0 && to > from, "docs/security.md lacks the role table markers");
    String documented = text.substring(from + BEGIN.length(), to).strip() + "\n";
    assertEquals(table(), documented, "docs/security.md role table vs openapi.yaml x-parley-roles");
    assertTrue(
        text.toLowerCase(Locale.ROOT).contains("out of scope"), "names what is out of scope");
  }
}
