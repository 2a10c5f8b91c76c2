package io.crmkit.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed TLS server certificate and its key, made by the JDK's {@code keytool} into a PKCS12 key
 * store, for loopback TLS servers in tests; and a client socket factory that trusts exactly this
 * certificate.
 */
final class TestCertificate {
    static final String ALIAS = "server";
    static final String STORE_PASSWORD = "changeit";

    private final Path keyStoreFile;
    private final KeyStore keyStore;

    private TestCertificate(Path keyStoreFile, KeyStore keyStore) {
        this.keyStoreFile = keyStoreFile;
        this.keyStore = keyStore;
    }

    /**
     * Makes a certificate.
     *
     * @param san the subject alternative names, as keytool takes them: {@code IP:127.0.0.1} or
     *            {@code DNS:mail.example.com}
     */
    static TestCertificate create(Path dir, String name, String san) throws IOException, GeneralSecurityException,
            InterruptedException {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name + ", O=crmkit tests",
                "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return new TestCertificate(file, store);
    }

    /** The PKCS12 file holding key and certificate, protected by {@link #STORE_PASSWORD}. */
    Path keyStoreFile() {
        return keyStoreFile;
    }

    X509Certificate certificate() throws GeneralSecurityException {
        return (X509Certificate) keyStore.getCertificate(ALIAS);
    }

    /** A server-side TLS context presenting this certificate. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client socket factory that trusts this certificate and nothing else. */
    SSLSocketFactory trustingClient() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
