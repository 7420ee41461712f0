package org.mammoflow.shell;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Commands whose names hold a hyphen ({@code mammo:train-patch}). gogo finds a command's method by
 * its name and a Java name cannot hold '-', so each such command is registered as a gogo
 * {@link CommandProxy} onto the method spelled with '_' instead, which keeps gogo's option parsing.
 * Only the hyphenated name is a command; {@link CommandCatalog} looks through the proxy for help.
 */
final class HyphenatedCommands implements AutoCloseable {

    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    HyphenatedCommands(BundleContext context, Object target, String... names) {
        for (String name : names) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("osgi.command.scope", "mammo");
            properties.put("osgi.command.function", name);
            registrations.add(context.registerService(Function.class,
                    new CommandProxy(target, name.replace('-', '_')), properties));
        }
    }

    @Override
    public void close() {
        for (ServiceRegistration<Function> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }
}
