package io.toolgate.document;

import io.toolgate.Policy;
import java.nio.file.Path;

/** Hears every reload and every refusal of a {@link PolicyReloader}. */
public interface ReloadListener {
  /** A new valid document was swapped in. */
  void onReloaded(Path file, Policy previous, Policy current);

  /** A changed document was refused; the previous policy stays active. */
  void onRefused(Path file, DocumentException problems);
}
