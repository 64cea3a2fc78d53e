package dev.kopf.internal.admission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 for the webhook server, with BouncyCastle: a self-signed CA and a server certificate
 * signed by it when none is given (as Kopf's {@code build_certificate}), or PEM files read
 * into an {@link SSLContext}.
 *
 * <p>Used by {@link WebhookHttpsServer}; separate so that the crypto is tested on its own.
 */
final class Certificates {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Duration VALIDITY = Duration.ofDays(365);

    private Certificates() {
    }

    /**
     * A served certificate and the CA bundle the API server must trust for it.
     *
     * @param context the server's TLS context
     * @param caBundle the PEM the webhooks' {@code caBundle} carries
     */
    record Served(SSLContext context, byte[] caBundle) {
    }

    /**
     * Generates a CA and a server certificate for the names.
     *
     * @param hostnames DNS names and IP addresses; the first DNS name is the common name
     * @return the TLS context and the CA's PEM
     */
    static Served generate(List<String> hostnames) {
        try {
            Issued issued = issue(hostnames);
            return new Served(context(issued.key(), List.of(issued.server(), issued.ca())),
                    pem(issued.ca()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the webhook certificate: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A generated server certificate, its key and its CA.
     *
     * @param server the server certificate
     * @param key its private key
     * @param ca the CA that signed it
     */
    record Issued(X509Certificate server, PrivateKey key, X509Certificate ca) {
    }

    /**
     * Issues a CA and a server certificate for the names.
     *
     * @param hostnames DNS names and IP addresses; the first DNS name is the common name
     * @return the certificates and the server's key
     */
    static Issued issue(List<String> hostnames) {
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=Kopf webhook CA");
            Instant now = Instant.now();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
                    caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            Set<String> names = new LinkedHashSet<>(hostnames);
            String commonName = names.stream().filter(name -> !isIp(name)).findFirst()
                    .orElse(names.isEmpty() ? "localhost" : names.iterator().next());
            KeyPair keys = keyPair();
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + commonName), keys.getPublic());
            List<GeneralName> sans = new ArrayList<>();
            for (String name : names) {
                if (name.equals("0.0.0.0") || name.equals("::")) {
                    continue;
                }
                sans.add(isIp(name) ? new GeneralName(GeneralName.iPAddress,
                        InetAddress.getByName(name).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, name));
            }
            server.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(GeneralName[]::new)));
            server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            server.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate serverCert = sign(server, caKeys.getPrivate());
            return new Issued(serverCert, keys.getPrivate(), caCert);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the webhook certificate: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads a PEM certificate chain and its key.
     *
     * @param cert the certificate chain's PEM
     * @param key the private key's PEM (PKCS#8 or PKCS#1/SEC1, unencrypted)
     * @return the TLS context; its CA bundle is the certificate chain itself
     * @throws IllegalArgumentException when the files are not what they should be
     */
    static Served read(byte[] cert, byte[] key) {
        try {
            List<Certificate> chain = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(cert)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("The certificate file holds no certificate.");
            }
            return new Served(context(privateKey(key), chain), cert);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the webhook certificate: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Parses PEM certificates, e.g. a {@code caBundle}.
     *
     * @param pem the PEM
     * @return the certificates
     */
    static List<X509Certificate> parse(byte[] pem) {
        try {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                result.add((X509Certificate) c);
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot parse the certificates: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(
                new String(pem, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("The key file holds no unencrypted private key.");
        }
    }

    private static SSLContext context(PrivateKey key, List<Certificate> chain)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("webhook", key, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    /**
     * Writes a certificate or a key as PEM.
     *
     * @param certificateOrKey the certificate or key
     * @return its PEM bytes
     */
    static byte[] pem(Object certificateOrKey) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // Keys as PKCS#8, which every TLS stack reads, with the curve in the identifier.
            writer.writeObject(certificateOrKey instanceof PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)
                    : certificateOrKey);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static boolean isIp(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }
}
