package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.RowRejection;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server refused a request: its HTTP status and RFC 9457 problem ({@code detail}, and for a
 * refused upload the rejected rows).
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  @SuppressWarnings("serial") // an immutable JSON object; never serialized in practice
  private final JsonObject problem;

  /**
   * Creates the exception.
   *
   * @param what the request, e.g. {@code PUT /cleanroom/uploads/.../parts/3}
   * @param status the HTTP status
   * @param problem the problem object (empty if the body was not one)
   */
  public ApiException(String what, int status, JsonObject problem) {
    super(
        what
            + ": "
            + status
            + " "
            + text(problem, "title").orElse("")
            + text(problem, "detail").map(d -> ": " + d).orElse(""));
    this.status = status;
    this.problem = problem;
  }

  /**
   * Returns the HTTP status.
   *
   * @return e.g. 409
   */
  public int status() {
    return status;
  }

  /**
   * Returns the problem's {@code detail}.
   *
   * @return the detail, if any
   */
  public Optional<String> detail() {
    return text(problem, "detail");
  }

  /**
   * Returns the problem's {@code rule} (a query refused by the rules).
   *
   * @return the rule, if any
   */
  public Optional<String> rule() {
    return text(problem, "rule");
  }

  /**
   * Returns the rejected rows a refused upload listed.
   *
   * @return the rejections, possibly empty
   */
  public List<RowRejection> rejections() {
    List<RowRejection> out = new ArrayList<>();
    Optional<JsonValue> list = problem.get("rejections");
    if (list.isPresent() && list.get() instanceof dev.parley.ledger.jcs.JsonArray a) {
      for (JsonValue v : a.elements()) {
        if (v instanceof JsonObject r) {
          out.add(
              new RowRejection(
                  r.getLong("row"), text(r, "column").orElse(null), r.getString("reason")));
        }
      }
    }
    return out;
  }

  /**
   * Returns the total of rejected rows a refused upload reported.
   *
   * @return the total, or the number listed
   */
  public long totalRejected() {
    return problem.get("totalRejected").isPresent()
        ? problem.getLong("totalRejected")
        : rejections().size();
  }

  private static Optional<String> text(JsonObject o, String name) {
    return o.get(name).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
  }
}
