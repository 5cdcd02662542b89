package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.dataset.DatasetService;
import java.util.Optional;

/** Finds the latest published version of a partner's dataset. */
@FunctionalInterface
public interface DatasetCatalog {
  /**
   * Returns the latest published version of a dataset.
   *
   * @param dataset the dataset
   * @return its description, or empty if nothing was published under that name
   */
  Optional<DatasetDescription> latest(DatasetKey dataset);

  /**
   * The published datasets of the upload service.
   *
   * @param service the service
   * @return a catalog answering with {@link DatasetService#latest}: the newest version whose {@code
   *     dataset.uploaded} entry is durable
   */
  static DatasetCatalog of(DatasetService service) {
    return key -> service.latest(key.partner(), key.dataset()).map(DatasetDescription::of);
  }
}
