package org.mammoflow.dashboard;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /api/session} says who is logged in; {@code /api/login} and {@code /api/logout} open and close a session. */
@Component(service = Servlet.class, configurationPid = DashboardSettings.PID)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/session", "/api/login", "/api/logout" })
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private volatile Credentials credentials;

    @Activate
    public LoginServlet(DashboardSettings settings) {
        modified(settings);
    }

    @Modified
    void modified(DashboardSettings settings) {
        this.credentials = Credentials.of(settings);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user", DashboardContext.user(request));
        session.put("loginConfigured", credentials.configured());
        Responses.json(response, session);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().endsWith("/logout")) {
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            Responses.json(response, Map.of("user", ""));
            return;
        }
        if (!credentials.configured()) {
            Responses.error(response, HttpServletResponse.SC_FORBIDDEN, "no login is configured: set user and "
                    + "password of " + DashboardSettings.PID + " (mammo:config, the Web Console or load/"
                    + DashboardSettings.PID + ".cfg)");
            return;
        }
        String user = request.getParameter("user");
        if (!credentials.accept(user, request.getParameter("password"))) {
            Responses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "wrong user or password");
            return;
        }
        var previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate(); // a fresh session at login: no session fixation
        }
        request.getSession(true).setAttribute(DashboardContext.SESSION_USER, user);
        Responses.json(response, Map.of("user", user));
    }
}
