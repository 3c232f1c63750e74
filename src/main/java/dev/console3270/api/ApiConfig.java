package dev.console3270.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the REST API server.
 *
 * @param bindAddress address to listen on (loopback by default)
 * @param port TCP port, 0 for a free one
 * @param allowedHosts accepted {@code Host} header values (host:port); empty means the loopback
 *     defaults {@code 127.0.0.1:PORT}, {@code localhost:PORT} and {@code [::1]:PORT}
 * @param allowedOrigins accepted {@code Origin} header values; empty means none (a request with an
 *     Origin is refused)
 * @param maxBodyBytes largest accepted request body
 * @param rateLimit requests allowed per token and window
 * @param rateWindow the rate limit window
 * @param keyStore PKCS12 key store for HTTPS, or null for plain HTTP
 * @param keyStorePassword its password (null when no key store)
 * @param tokenFile where the bearer token is kept (created owner-only on first start)
 * @param threads worker threads of the server
 */
public record ApiConfig(
    InetAddress bindAddress,
    int port,
    List<String> allowedHosts,
    List<String> allowedOrigins,
    int maxBodyBytes,
    int rateLimit,
    Duration rateWindow,
    Path keyStore,
    char[] keyStorePassword,
    Path tokenFile,
    int threads) {

  /** Default body limit: 1 MiB. */
  public static final int DEFAULT_MAX_BODY = 1 << 20;

  /** Validates and copies. */
  public ApiConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
    if (rateLimit < 1) {
      throw new IllegalArgumentException("rateLimit must be positive, got " + rateLimit);
    }
    Objects.requireNonNull(rateWindow, "rateWindow");
    if (rateWindow.isNegative() || rateWindow.isZero()) {
      throw new IllegalArgumentException("rateWindow must be positive");
    }
    Objects.requireNonNull(tokenFile, "tokenFile");
    if (keyStore != null && keyStorePassword == null) {
      throw new IllegalArgumentException("a key store needs a password");
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("threads must be 1-64, got " + threads);
    }
  }

  /**
   * Loopback, the given port, default allowlists, 1 MiB bodies, 600 requests a minute, plain HTTP,
   * 4 threads.
   */
  public static ApiConfig defaults(int port, Path tokenFile) {
    return new ApiConfig(
        loopback(),
        port,
        List.of(),
        List.of(),
        DEFAULT_MAX_BODY,
        600,
        Duration.ofMinutes(1),
        null,
        null,
        tokenFile,
        4);
  }

  /** A copy with another rate limit. */
  public ApiConfig withRateLimit(int limit, Duration window) {
    return new ApiConfig(
        bindAddress,
        port,
        allowedHosts,
        allowedOrigins,
        maxBodyBytes,
        limit,
        window,
        keyStore,
        keyStorePassword,
        tokenFile,
        threads);
  }

  /** A copy with another body limit. */
  public ApiConfig withMaxBodyBytes(int max) {
    return new ApiConfig(
        bindAddress,
        port,
        allowedHosts,
        allowedOrigins,
        max,
        rateLimit,
        rateWindow,
        keyStore,
        keyStorePassword,
        tokenFile,
        threads);
  }

  /** A copy with other allowed origins. */
  public ApiConfig withAllowedOrigins(List<String> origins) {
    return new ApiConfig(
        bindAddress,
        port,
        allowedHosts,
        origins,
        maxBodyBytes,
        rateLimit,
        rateWindow,
        keyStore,
        keyStorePassword,
        tokenFile,
        threads);
  }

  /** A copy serving HTTPS with a PKCS12 key store. */
  public ApiConfig withKeyStore(Path store, char[] password) {
    return new ApiConfig(
        bindAddress,
        port,
        allowedHosts,
        allowedOrigins,
        maxBodyBytes,
        rateLimit,
        rateWindow,
        store,
        password,
        tokenFile,
        threads);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
