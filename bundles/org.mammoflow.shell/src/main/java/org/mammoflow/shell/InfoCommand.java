package org.mammoflow.shell;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.network.NetworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code mammo:info}: which Mammoflow services are present, with their properties and providers. */
@Component(service = InfoCommand.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=info" })
public class InfoCommand {

    /** Properties every service has; shown only with {@code --all}. */
    private static final Set<String> STANDARD_PROPERTIES = Set.of(Constants.OBJECTCLASS, Constants.SERVICE_ID,
            Constants.SERVICE_BUNDLEID, Constants.SERVICE_SCOPE, "component.id", "component.name",
            "osgi.ds.satisfying.condition.target");

    private final BundleContext context;

    @Activate
    public InfoCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("list the Mammoflow services present: their interfaces, properties and providing bundles")
    public String info(
            @Descriptor("also show the standard properties (service.id, component.name, ...)")
            @Parameter(names = { "-a", "--all" }, absentValue = "false", presentValue = "true") boolean all,
            @Descriptor("only services whose interface contains this text (e.g. sampling, PatchSampler)")
            @Parameter(names = { "-t", "--type" }, absentValue = "") String type) throws InvalidSyntaxException {
        ServiceReference<?>[] references = context.getAllServiceReferences(null, "(objectClass=org.mammoflow.api.*)");
        if (references == null) {
            references = new ServiceReference<?>[0];
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        Arrays.sort(references, Comparator.comparing(InfoCommand::interfaces));
        String wanted = type.toLowerCase(Locale.ROOT);
        for (ServiceReference<?> reference : references) {
            if (interfaces(reference).toLowerCase(Locale.ROOT).contains(wanted)) {
                describe(reference, all, out);
                shown++;
            }
        }
        return out.append(shown).append(shown == 1 ? " service" : " services").toString();
    }

    private void describe(ServiceReference<?> reference, boolean all, StringBuilder out) {
        Bundle provider = reference.getBundle();
        out.append(interfaces(reference)).append('\n');
        out.append("  provided by ").append(provider.getSymbolicName()).append(' ').append(provider.getVersion())
                .append(" [").append(provider.getBundleId()).append("]\n");
        TreeMap<String, Object> properties = new TreeMap<>();
        for (String key : reference.getPropertyKeys()) {
            if (all || !STANDARD_PROPERTIES.contains(key)) {
                properties.put(key, reference.getProperty(key));
            }
        }
        properties.forEach((key, value) -> out.append("  ").append(key).append(" = ").append(show(value)).append('\n'));
        diagnostics(reference, out);
    }

    /** What a network backend found on this machine when it started (kernel check, layout, native tuning). */
    private void diagnostics(ServiceReference<?> reference, StringBuilder out) {
        if (!List.of((String[]) reference.getProperty(Constants.OBJECTCLASS)).contains(NetworkFactory.class.getName())) {
            return;
        }
        Object service = context.getService(reference);
        try {
            if (service instanceof NetworkFactory backend) {
                new TreeMap<>(backend.diagnostics()).forEach((name, outcome) ->
                        out.append("  ").append(name).append(": ").append(outcome).append('\n'));
            }
        } finally {
            if (service != null) {
                context.ungetService(reference);
            }
        }
    }

    private static String interfaces(ServiceReference<?> reference) {
        return String.join(", ", (String[]) reference.getProperty(Constants.OBJECTCLASS));
    }

    static String show(Object value) {
        if (value != null && value.getClass().isArray()) { // primitive arrays too, e.g. a Metatype int[]
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                list.append(i > 0 ? ", " : "").append(java.lang.reflect.Array.get(value, i));
            }
            return list.append(']').toString();
        }
        return String.valueOf(value);
    }
}
