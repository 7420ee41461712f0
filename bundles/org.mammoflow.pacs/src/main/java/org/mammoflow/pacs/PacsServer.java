package org.mammoflow.pacs;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A configured DICOMweb server: one factory configuration each
 * ({@code load/org.mammoflow.pacs.server-NAME.cfg}), its credentials kept there and never printed.
 */
@Component(service = PacsServer.class, configurationPid = PacsServer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PacsServer.Config.class, factory = true)
public class PacsServer {

    static final String PID = "org.mammoflow.pacs.server";

    @ObjectClassDefinition(name = "Mammoflow PACS server", description = "A DICOMweb server (QIDO-RS, WADO-RS,"
            + " STOW-RS) that Mammoflow reads mammograms from and stores its results into")
    public @interface Config {
        @AttributeDefinition(description = "The name commands give for this server, e.g. orthanc")
        String name();

        @AttributeDefinition(description = "The DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web (https: TLS)")
        String url();

        @AttributeDefinition(description = "User for HTTP basic authentication; empty: none (or the token)")
        String username() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password for HTTP basic authentication")
        String password() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Bearer token (OAuth 2); used instead of"
                + " the user and password when set")
        String token() default "";

        @AttributeDefinition(description = "Seconds to wait for a connection or an answer; 1 to 3600", min = "1", max = "3600")
        int timeoutSeconds() default 60;

        @AttributeDefinition(description = "Largest DICOM instance retrieved, in megabytes; 1 to 4096", min = "1", max = "4096")
        int maxInstanceMegabytes() default 512;
    }

    private final DicomWebClient client;

    @Activate
    public PacsServer(Config config) {
        String name = config.name() == null ? "" : config.name().strip();
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException(PID + ": name '" + name + "' must be letters, digits, _, . and - only");
        }
        if (config.timeoutSeconds() < 1 || config.timeoutSeconds() > 3600) {
            throw new IllegalArgumentException(PID + " " + name + ": timeoutSeconds must be 1 to 3600");
        }
        if (config.maxInstanceMegabytes() < 1 || config.maxInstanceMegabytes() > 4096) {
            throw new IllegalArgumentException(PID + " " + name + ": maxInstanceMegabytes must be 1 to 4096");
        }
        this.client = new DicomWebClient(name, url(name, config.url()), authorization(config),
                Duration.ofSeconds(config.timeoutSeconds()), config.maxInstanceMegabytes() * (1L << 20));
    }

    String name() {
        return client.name();
    }

    DicomWebClient client() {
        return client;
    }

    /** A server given by its URL on the command line: no credentials, the defaults. */
    static DicomWebClient unconfigured(String url) {
        return new DicomWebClient(url, url("", url), Optional.empty(), Duration.ofSeconds(60), 512L << 20);
    }

    private static URI url(String name, String url) {
        URI uri = URI.create(url == null ? "" : url.strip());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(PID + " " + name + ": url '" + url + "' is not an http or https URL");
        }
        return uri;
    }

    private static Optional<String> authorization(Config config) {
        if (!config.token().isEmpty()) {
            return Optional.of("Bearer " + config.token());
        }
        if (!config.username().isEmpty()) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }
}
