package dev.console3270.session;

import java.io.IOException;

/**
 * Why a connection failed or ended: what a session's futures complete with exceptionally. The
 * message says what happened in words a user can act on.
 */
public final class SessionException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  public enum Kind {
    /** The host name could not be resolved. */
    UNRESOLVED,
    /** The host refused the TCP connection. */
    REFUSED,
    /** Connecting (TCP, TLS handshake or telnet negotiation) took longer than allowed. */
    TIMEOUT,
    /** The TLS handshake failed for another reason than the certificate. */
    TLS,
    /** The host's certificate was not trusted; see {@link #presentedCertificate()}. */
    UNTRUSTED_CERTIFICATE,
    /** The host closed or reset the connection. */
    HOST_CLOSED,
    /** We disconnected (or the session was closed) before the operation finished. */
    DISCONNECTED,
    /** A state where the operation is not allowed (e.g. connecting when already connected). */
    STATE,
    /** Another I/O or internal failure. */
    IO
  }

  private final Kind kind;
  private final transient PresentedCertificate presentedCertificate;

  /** A failure of a kind with a message. */
  public SessionException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null);
  }

  /** A failure with the certificate the host presented (for certificate failures). */
  public SessionException(
      Kind kind, String message, Throwable cause, PresentedCertificate presentedCertificate) {
    super(message, cause);
    this.kind = kind;
    this.presentedCertificate = presentedCertificate;
  }

  /** What kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** The certificate the host presented, when the failure is about it; else null. */
  public PresentedCertificate presentedCertificate() {
    return presentedCertificate;
  }
}
