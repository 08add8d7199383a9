package io.github.aiplaybooks.core.approval;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The mapper approval requests and responses travel with; bounded against hostile answers. */
final class ApprovalJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxDocumentLength(1024 * 1024)
                          .maxStringLength(64 * 1024)
                          .build())
                  .build())
          .build();

  private ApprovalJson() {}
}
