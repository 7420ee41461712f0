package org.mammoflow.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** A server's configuration: its credentials become the Authorization header, bad values are named. */
class PacsServerTest {

    @Test
    void aTokenIsSentAsBearerAndAUserAndPasswordAsBasic() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> received = new ArrayList<>();
        server.createContext("/dicom-web/studies", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] none = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, none.length);
            exchange.getResponseBody().write(none);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
            new PacsServer(config("a", url, "", "", "t0ken")).client().search("studies", Map.of());
            new PacsServer(config("b", url, "user", "pass", "")).client().search("studies", Map.of());
            new PacsServer(config("c", url, "", "", "")).client().search("studies", Map.of());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("Bearer t0ken", "Basic dXNlcjpwYXNz"), received.subList(0, 2));
        assertEquals(null, received.get(2), "no credentials configured, none sent");
    }

    @Test
    void aNameOrUrlThatCannotBeUsedIsNamed() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> new PacsServer(config("pacs", "ftp://host/dicom-web", "", "", "")));
        assertTrue(url.getMessage().contains("url 'ftp://host/dicom-web' is not an http or https URL"), url.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> new PacsServer(config("my pacs", "http://host/dicom-web", "", "", "")));
        assertTrue(name.getMessage().contains("name 'my pacs' must be letters, digits"), name.getMessage());
    }

    private static PacsServer.Config config(String name, String url, String user, String password, String token) {
        return new PacsServer.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PacsServer.Config.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String username() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public String token() {
                return token;
            }

            @Override
            public int timeoutSeconds() {
                return 10;
            }

            @Override
            public int maxInstanceMegabytes() {
                return 16;
            }
        };
    }
}
