package org.mammoflow.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Whether the HTTP server (Felix HTTP on Jetty) came up: it registers its runtime with an
 * {@code osgi.http.endpoint} once it listens. When it does not (a port already in use, most often),
 * the console says so in one line that names the port and the setting that moves it; Felix HTTP's
 * own report, a stack trace, stays out of the console.
 */
final class HttpEndpoint {

    static final String PID = "org.apache.felix.http";
    static final String PORT = "org.osgi.service.http.port";
    static final String HOST = "org.apache.felix.http.host";
    private static final String HTTP_BUNDLE = "org.apache.felix.http.jetty12";

    private HttpEndpoint() {
    }

    /** The problem to report, if the HTTP bundle runs and no endpoint appeared within {@code graceMillis}. */
    static Optional<String> problem(BundleContext context, ConfigurationAdmin configurations, long graceMillis)
            throws InterruptedException {
        if (!httpBundleActive(context)) {
            return Optional.empty();
        }
        long until = System.currentTimeMillis() + graceMillis;
        while (!listening(context)) {
            if (System.currentTimeMillis() > until) {
                String where = setting(context, configurations, HOST, "127.0.0.1") + ":"
                        + setting(context, configurations, PORT, "8080");
                return Optional.of("the dashboard is not served: nothing listens on " + where + " (the port is"
                        + " probably in use by another program); move it with " + PORT + " = PORT in load/" + PID + ".cfg");
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static boolean httpBundleActive(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if (HTTP_BUNDLE.equals(bundle.getSymbolicName())) {
                return bundle.getState() == Bundle.ACTIVE;
            }
        }
        return false;
    }

    private static boolean listening(BundleContext context) {
        try {
            return context.getAllServiceReferences(null, "(osgi.http.endpoint=*)") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A setting as Felix HTTP reads it: its configuration first, then the framework property, then the default. */
    private static String setting(BundleContext context, ConfigurationAdmin configurations, String key, String fallback) {
        if (configurations != null) {
            try {
                Configuration[] found = configurations.listConfigurations("(service.pid=" + PID + ")");
                Dictionary<String, Object> properties = found == null ? null : found[0].getProperties();
                if (properties != null && properties.get(key) != null) {
                    return String.valueOf(properties.get(key));
                }
            } catch (IOException | InvalidSyntaxException e) {
                // fall back to the framework property
            }
        }
        String property = context.getProperty(key);
        return property == null ? fallback : property;
    }
}
