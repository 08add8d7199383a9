package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.CallerFaultException;

/** An emergency stop was engaged during a run; the engine stops it. Never leaves the engine. */
final class RunStoppedException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  RunStoppedException(String message) {
    super("RUN_STOPPED", message);
  }
}
