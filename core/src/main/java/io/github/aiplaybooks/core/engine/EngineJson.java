package io.github.aiplaybooks.core.engine;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The engine's JSON mapper, for run states and trigger values; bounded against hostile input. */
final class EngineJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxDocumentLength(64L * 1024 * 1024)
                          .build())
                  .build())
          .build();

  private EngineJson() {}
}
