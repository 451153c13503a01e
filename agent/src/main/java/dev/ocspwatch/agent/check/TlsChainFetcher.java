package dev.ocspwatch.agent.check;

import dev.ocspwatch.common.x509.DistinguishedNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Makes one TLS handshake with a server (SNI set) and keeps the chain it sent without
 * trusting it: ocspwatch judges revocation, not the server's trustworthiness. Asks for a
 * stapled OCSP response (status_request). Blocking JSSE: callers run it on a worker thread.
 */
public final class TlsChainFetcher {
    static {
        // Read by JSSE when a client context is first used; must be set before that.
        System.setProperty("jdk.tls.client.enableStatusRequestExtension", "true");
    }

    private TlsChainFetcher() {
    }

    /** The handshake's result: the chain as sent, the stapled response (or null), session facts. */
    public record Handshake(List<X509CertificateHolder> chain, byte[] stapled, TlsEndpoint endpoint) {
    }

    public static Handshake fetch(String host, int port, Duration timeout) throws CheckInputException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new KeepingTrustManager()}, null);
            try (Socket raw = new Socket()) {
                InetSocketAddress address = new InetSocketAddress(host, port);
                if (address.isUnresolved()) {
                    throw new CheckInputException(host + " does not resolve", CheckExitCode.UNREACHABLE);
                }
                raw.connect(address, (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    if (!isIpLiteral(host)) {
                        parameters.setServerNames(List.of(new SNIHostName(host)));
                    }
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    SSLSession session = socket.getSession();
                    List<X509CertificateHolder> chain = new ArrayList<>();
                    List<String> subjects = new ArrayList<>();
                    for (java.security.cert.Certificate certificate : session.getPeerCertificates()) {
                        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
                        chain.add(holder);
                        subjects.add(DistinguishedNames.display(holder.getSubject()));
                    }
                    byte[] stapled = null;
                    if (session instanceof ExtendedSSLSession extended && !extended.getStatusResponses().isEmpty()) {
                        byte[] first = extended.getStatusResponses().get(0);
                        stapled = first.length == 0 ? null : first;
                    }
                    TlsEndpoint endpoint = new TlsEndpoint(host, port, address.getAddress().getHostAddress(),
                            session.getProtocol(), session.getCipherSuite(), subjects, stapled != null);
                    return new Handshake(chain, stapled, endpoint);
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new CheckInputException("TLS handshake with " + host + ":" + port + " timed out", CheckExitCode.UNREACHABLE);
        } catch (javax.net.ssl.SSLException e) {
            throw new CheckInputException("TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(),
                    CheckExitCode.UNREACHABLE);
        } catch (IOException e) {
            throw new CheckInputException("cannot connect to " + host + ":" + port + ": " + e.getMessage(),
                    CheckExitCode.UNREACHABLE);
        } catch (GeneralSecurityException e) {
            throw new CheckInputException("TLS is not available: " + e.getMessage(), CheckExitCode.UNREACHABLE);
        }
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** Accepts any chain: the point is to see it, not to trust it. */
    private static final class KeepingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
