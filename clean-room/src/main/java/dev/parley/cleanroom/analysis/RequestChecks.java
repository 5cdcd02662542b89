package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Structural checks shared by the request records; each failure names the JSON field path. */
final class RequestChecks {
  /** The most datasets one request may join. */
  static final int MAX_DATASETS = 8;

  /** The most grouping columns one request may name. */
  static final int MAX_GROUP_COLUMNS = 8;

  /** The most metric aggregates one request may ask for. */
  static final int MAX_METRICS = 16;

  private RequestChecks() {}

  static <T> List<T> sized(List<T> list, String path, int min, int max) {
    Objects.requireNonNull(list, path);
    if (list.size() < min || list.size() > max) {
      throw new InvalidRequestException(
          path, "must have " + min + "-" + max + " elements, got " + list.size());
    }
    for (int i = 0; i < list.size(); i++) {
      Objects.requireNonNull(list.get(i), path + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  static <T> void distinct(List<T> list, String path) {
    for (int i = 0; i < list.size(); i++) {
      int first = list.indexOf(list.get(i));
      if (first != i) {
        throw new InvalidRequestException(
            path + "[" + i + "]", "repeats " + path + "[" + first + "]");
      }
    }
  }

  static void distinctPartners(List<DatasetKey> datasets, String path) {
    Set<String> partners = new HashSet<>();
    datasets.forEach(d -> partners.add(d.partner()));
    if (partners.size() < 2) {
      throw new InvalidRequestException(path, "must name datasets of at least two partners");
    }
  }

  static void within(DatasetKey dataset, Set<DatasetKey> joined, String path) {
    if (!joined.contains(dataset)) {
      throw new InvalidRequestException(
          path, "dataset " + dataset.label() + " is not among the joined datasets");
    }
  }
}
