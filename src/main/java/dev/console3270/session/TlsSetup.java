package dev.console3270.session;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for one connection attempt: the context from a profile (trust store, pinned fingerprint,
 * client key store) and the engine, with hostname verification when verifying.
 */
final class TlsSetup {
  private final SSLContext context;
  private final HostTrust trust;
  private final boolean verify;

  private TlsSetup(SSLContext context, HostTrust trust, boolean verify) {
    this.context = context;
    this.trust = trust;
    this.verify = verify;
  }

  /**
   * Loads the profile's stores (file I/O: call off the event loop).
   *
   * @param probe only capture the host's certificate and then refuse it, so that no data flows
   */
  static TlsSetup of(SessionProfile profile, boolean probe)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(
        profile.trustStore() == null
            ? null
            : load(profile.trustStore(), profile.trustStorePassword(), "trust store"));
    X509ExtendedTrustManager delegate = null;
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        delegate = x;
        break;
      }
    }
    if (delegate == null) {
      throw new GeneralSecurityException("no X.509 trust manager available");
    }
    KeyManager[] keyManagers = null;
    if (profile.clientKeyStore() != null) {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      char[] password =
          profile.clientKeyStorePassword() == null ? new char[0] : profile.clientKeyStorePassword();
      kmf.init(load(profile.clientKeyStore(), password, "client key store"), password);
      keyManagers = kmf.getKeyManagers();
    }
    HostTrust trust =
        new HostTrust(
            delegate,
            PresentedCertificate.normalize(profile.acceptedCertificateSha256()),
            profile.verifyCertificate(),
            probe);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, new TrustManager[] {trust}, null);
    return new TlsSetup(context, trust, profile.verifyCertificate());
  }

  private static KeyStore load(Path file, char[] password, String what)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    } catch (IOException e) {
      throw new IOException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
    return ks;
  }

  /** A client engine for the host (SNI and, when verifying, hostname verification). */
  SSLEngine engine(String host, int port) {
    SSLEngine engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    if (verify) {
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
    }
    return engine;
  }

  /** The chain the host presented in the last handshake, or null. */
  X509Certificate[] presented() {
    return trust.presented;
  }

  /** Why the certificate was refused, or null when it was not. */
  String rejection() {
    return trust.rejection;
  }

  /**
   * Accepts the host when its leaf certificate has the pinned fingerprint, else verifies it (chain
   * and hostname) with the delegate, or accepts everything when verification is off. Records what
   * it saw.
   */
  private static final class HostTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final String pin;
    private final boolean verify;
    private final boolean probe;
    private volatile X509Certificate[] presented;
    private volatile String rejection;

    HostTrust(X509ExtendedTrustManager delegate, String pin, boolean verify, boolean probe) {
      this.delegate = delegate;
      this.pin = pin;
      this.verify = verify;
      this.probe = probe;
    }

    private boolean precheck(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        rejection = "the host presented no certificate";
        throw new CertificateException(rejection);
      }
      presented = chain.clone();
      if (probe) {
        rejection = "certificate fetched; connection not continued";
        throw new CertificateException(rejection);
      }
      return (pin != null && pin.equals(PresentedCertificate.fingerprint(chain[0]))) || !verify;
    }

    private CertificateException rejected(CertificateException e) {
      rejection = e.getMessage();
      return e;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      if (precheck(chain)) {
        return;
      }
      try {
        delegate.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        throw rejected(e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      if (precheck(chain)) {
        return;
      }
      try {
        delegate.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        throw rejected(e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (precheck(chain)) {
        return;
      }
      try {
        ((X509TrustManager) delegate).checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw rejected(e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a terminal does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a terminal does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a terminal does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
