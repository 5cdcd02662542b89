package dev.parley.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void render_textLeftNumbersRight_nullAsDash() {
    String t =
        new TextTable(List.of("age band", "subjects", "avg(spend)"))
            .add(List.of("18-24", "1,204", "41.50"))
            .add(Arrays.asList("65+", "87", null))
            .render();
    assertEquals(
        """
        age band  subjects  avg(spend)
        --------  --------  ----------
        18-24        1,204       41.50
        65+             87           -
        """,
        t);
  }

  @Test
  void add_wrongWidth_refused() {
    assertThrows(IllegalArgumentException.class, () -> new TextTable(List.of("a")).add(List.of()));
  }
}
