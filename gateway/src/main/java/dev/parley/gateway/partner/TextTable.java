package dev.parley.gateway.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An aligned plain-text table: a header row, a rule, then the rows; columns separated by two
 * spaces, numeric columns (every value a number, or empty) right-aligned. Pure.
 */
public final class TextTable {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?%?");

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Starts a table.
   *
   * @param header the column titles
   */
  public TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column (null prints as {@code -})
   * @return this table
   * @throws IllegalArgumentException if the row does not have one cell per column
   */
  public TextTable add(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.size() + " cells; the table has " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.size());
    cells.forEach(c -> row.add(Objects.requireNonNullElse(c, "-")));
    rows.add(row);
    return this;
  }

  /**
   * Renders the table.
   *
   * @return the lines, joined by {@code \n}, with a final line break
   */
  public String render() {
    int n = header.size();
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    for (int c = 0; c < n; c++) {
      width[c] = header.get(c).length();
      numeric[c] = !rows.isEmpty();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
        String v = row.get(c);
        numeric[c] &= v.equals("-") || NUMBER.matcher(v).matches();
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width, numeric);
    List<String> rule = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      rule.add("-".repeat(width[c]));
    }
    line(out, rule, width, numeric);
    for (List<String> row : rows) {
      line(out, row, width, numeric);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String v = cells.get(c);
      String pad = " ".repeat(width[c] - v.length());
      line.append(c == 0 ? "" : "  ").append(right[c] ? pad + v : v + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
