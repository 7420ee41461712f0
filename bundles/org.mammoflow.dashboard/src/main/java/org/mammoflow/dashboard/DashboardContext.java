package org.mammoflow.dashboard;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The dashboard's servlet context at {@value #PATH}: pages and answers that read are open (on the
 * loopback address by default); every request that changes something needs the configured user's
 * session and the {@value #ACTION_HEADER} header, which a page of another site cannot send.
 */
@Component(service = ServletContextHelper.class, configurationPid = DashboardSettings.PID)
@Designate(ocd = DashboardSettings.class)
@HttpWhiteboardContext(name = DashboardContext.NAME, path = DashboardContext.PATH)
public class DashboardContext extends ServletContextHelper {

    static final String NAME = "mammoflow";
    static final String PATH = "/mammoflow";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    static final String ACTION_HEADER = "X-Mammoflow";
    static final String SESSION_USER = "mammoflow.user";
    static final String LOGIN = PATH + "/api/login";
    private static final Set<String> READING = Set.of("GET", "HEAD");
    private static final Map<String, String> MIME_TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");

    @Activate
    public DashboardContext(BundleContext context) {
        super(context.getBundle());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Frame-Options", "DENY");
        if (READING.contains(request.getMethod())) {
            return true;
        }
        if (request.getHeader(ACTION_HEADER) == null) {
            Responses.error(response, HttpServletResponse.SC_FORBIDDEN, "an action needs the " + ACTION_HEADER + " header");
            return false;
        }
        if (request.getRequestURI().equals(LOGIN) || user(request) != null) {
            return true;
        }
        Responses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "log in first");
        return false;
    }

    @Override
    public String getMimeType(String name) {
        return MIME_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    }

    /** The logged-in user of the request's session, or null. */
    static String user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(SESSION_USER);
    }
}
