package dev.parley.gateway.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the terminal: the first {@code textColumns} columns left-aligned, the
 * others (numbers) right-aligned, columns separated by three spaces. Not thread-safe.
 */
final class DemoTable {
  private static final String GAP = "   ";

  private final int textColumns;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Starts a table.
   *
   * @param textColumns how many leading columns hold text
   * @param headers the column headers
   */
  DemoTable(int textColumns, String... headers) {
    if (textColumns < 0 || textColumns > headers.length) {
      throw new IllegalArgumentException(
          "textColumns: must be 0-" + headers.length + ", got " + textColumns);
    }
    this.textColumns = textColumns;
    this.headers = List.of(headers);
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   * @return this table
   */
  DemoTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row " + rows.size() + ": expected " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(List.copyOf(Arrays.asList(cells)));
    return this;
  }

  /**
   * Renders the header and the rows, trailing spaces trimmed.
   *
   * @param indent prefix of every line
   * @return the lines
   */
  List<String> lines(String indent) {
    int[] width = new int[headers.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = headers.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    List<String> out = new ArrayList<>(rows.size() + 1);
    out.add(render(indent, headers, width));
    for (List<String> r : rows) {
      out.add(render(indent, r, width));
    }
    return out;
  }

  /**
   * Renders the rows only, aligned as if under the header.
   *
   * @param indent prefix of every line
   * @return the lines
   */
  List<String> body(String indent) {
    List<String> all = lines(indent);
    return all.subList(1, all.size());
  }

  private String render(String indent, List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        b.append(GAP);
      }
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      b.append(c < textColumns ? cell + pad : pad + cell);
    }
    return b.toString().stripTrailing();
  }
}
