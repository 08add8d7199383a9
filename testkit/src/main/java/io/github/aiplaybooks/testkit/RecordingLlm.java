package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.PlaybooksException;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Wraps a real model and records every request with its response (or typed failure) to a {@link
 * Cassette}, to replay later with {@link ReplayLlm}. Exceptions that are not {@link LlmFailure}s
 * propagate unrecorded. Thread-safe; interactions are kept in the order calls finish.
 *
 * <p>Requests are recorded as given: the engine redacts secrets from prompts before they are sent,
 * so a cassette holds what the model saw. Review a cassette before committing it.
 *
 * <pre>{@code
 * RecordingLlm recording = RecordingLlm.wrap(bedrock);
 * ... run the playbook with recording ...
 * recording.writeCassette(Path.of("src/test/resources/cassettes/oom.json"));
 * }</pre>
 */
public final class RecordingLlm implements LlmClient {
  private final LlmClient delegate;
  private final List<Cassette.Interaction> interactions = new ArrayList<>();

  private RecordingLlm(LlmClient delegate) {
    this.delegate = delegate;
  }

  /** Records the calls made through {@code delegate}. */
  public static RecordingLlm wrap(LlmClient delegate) {
    return new RecordingLlm(Objects.requireNonNull(delegate, "delegate"));
  }

  @Override
  public LlmResponse converse(LlmRequest request) {
    String key = Cassette.keyOf(request);
    LlmResponse response;
    try {
      response = delegate.converse(request);
    } catch (PlaybooksException e) {
      Optional<LlmFailure> failure = LlmFailure.of(e);
      if (failure.isPresent()) {
        add(
            new Cassette.Interaction(
                key,
                request.step(),
                request,
                null,
                new Cassette.RecordedError(failure.get().kind(), e.code(), e.getMessage())));
      }
      throw e;
    }
    add(new Cassette.Interaction(key, request.step(), request, response, null));
    return response;
  }

  private synchronized void add(Cassette.Interaction interaction) {
    interactions.add(interaction);
  }

  /** The interactions so far. */
  public synchronized List<Cassette.Interaction> interactions() {
    return List.copyOf(interactions);
  }

  /** The interactions so far as a cassette. */
  public synchronized Cassette cassette() {
    return new Cassette(Cassette.VERSION, interactions);
  }

  /** Writes the interactions so far to {@code file}. */
  public void writeCassette(Path file) {
    cassette().write(file);
  }
}
