package io.github.aiplaybooks.core.audit;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * The audit trail could not be written or read as it must be. The message names the file or sink.
 *
 * <p>Codes: {@code AUDIT_WRITE_FAILED} (an I/O error), {@code AUDIT_FILE_LOCKED} (another writer
 * holds the file), {@code AUDIT_CHAIN_BROKEN} (the file to append to fails verification), {@code
 * AUDIT_SINK_CLOSED}, {@code AUDIT_SINK_FAILED} (one or more sinks of a composite failed). Never
 * retryable: an audit failure must stop the work, not be retried past.
 */
public final class AuditException extends RemoteFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code a stable code such as {@code AUDIT_WRITE_FAILED}
   * @param message what failed, naming the file or sink
   */
  public AuditException(String code, String message) {
    this(code, message, null);
  }

  /**
   * @param code a stable code such as {@code AUDIT_WRITE_FAILED}
   * @param message what failed, naming the file or sink
   * @param cause the underlying cause, or {@code null}
   */
  public AuditException(String code, String message, Throwable cause) {
    super(code, "audit", message, false, cause);
  }
}
