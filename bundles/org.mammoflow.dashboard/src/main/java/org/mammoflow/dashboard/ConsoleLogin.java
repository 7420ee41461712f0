package org.mammoflow.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Apache Felix Web Console's login: HTTP Basic against the dashboard's configured user, so the
 * console's built-in admin/admin never works; with no user configured nobody gets in. The runtime
 * names this provider ({@value #ID}) as required, so the console waits for it.
 */
@Component(configurationPid = DashboardSettings.PID, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleLogin.ID)
public class ConsoleLogin implements SecurityProvider {

    static final String ID = "mammoflow";
    private static final String BASIC = "Basic ";

    private volatile Credentials credentials;

    @Activate
    public ConsoleLogin(DashboardSettings settings) {
        modified(settings);
    }

    @Modified
    void modified(DashboardSettings settings) {
        this.credentials = Credentials.of(settings);
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0 && credentials.accept(pair.substring(0, colon), pair.substring(colon + 1))) {
                    return pair.substring(0, colon);
                }
            } catch (IllegalArgumentException e) {
                // not Base64: refused below like a wrong password
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Mammoflow Web Console\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic has no session to end
    }
}
