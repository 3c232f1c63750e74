package dev.console3270.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Test certificates made with the JDK's keytool, and server TLS contexts from them. */
public final class TlsTestKit {
  public static final char[] PASSWORD = "changeit".toCharArray();

  private TlsTestKit() {}

  /** A PKCS12 key store with a new self-signed EC key pair (alias "key"). */
  public static Path keyPair(Path dir, String file, String dname, String san)
      throws IOException, InterruptedException {
    Path store = dir.resolve(file);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    ProcessBuilder pb =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "key",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-ext",
                "san=" + san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    return store;
  }

  public static KeyStore load(Path store) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  static X509Certificate certificate(Path keyStore) throws IOException, GeneralSecurityException {
    return (X509Certificate) load(keyStore).getCertificate("key");
  }

  /** A PKCS12 trust store holding the certificates of the key stores. */
  static Path trustStore(Path dir, String file, Path... keyStores)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, PASSWORD);
    int i = 0;
    for (Path k : keyStores) {
      Certificate c = certificate(k);
      trust.setCertificateEntry("trusted-" + i++, c);
    }
    Path out = dir.resolve(file);
    try (OutputStream o = Files.newOutputStream(out)) {
      trust.store(o, PASSWORD);
    }
    return out;
  }

  /** A server context with the key store's key, trusting {@code clientTrust} (or nothing). */
  static SSLContext serverContext(Path keyStore, Path clientTrust)
      throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(keyStore), PASSWORD);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(clientTrust == null ? null : load(clientTrust));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
