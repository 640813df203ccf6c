package dev.orderpipeline.platform.security;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JettyConfig;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Serves a Javalin server over HTTPS. The TLS connector replaces Javalin's plain one and takes the host and port
 * given to {@code start}, so callers start the server as usual and {@code app.port()} is the HTTPS port. Protocols
 * and cipher suites are Jetty's defaults (TLS 1.2 and 1.3, no known-weak suites).
 */
public final class Tls {

    private Tls() {
    }

    public static void install(final JavalinConfig config, final TlsConfig tls) {
        final JettyConfig jetty = config.jetty;
        jetty.addConnector((server, httpConfig) -> {
            final SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(tls.load());
            ssl.setKeyStorePassword(tls.password());
            final HttpConfiguration https = new HttpConfiguration(httpConfig);
            https.addCustomizer(new SecureRequestCustomizer());
            final ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            connector.setHost(jetty.host);
            connector.setPort(jetty.port);
            return connector;
        });
    }
}
