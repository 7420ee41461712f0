package org.mammoflow.shell;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code mammo:config}: the settings of Mammoflow's components as their Metatype describes them (type,
 * default, description), and changing them through Configuration Admin, typed and validated.
 */
@Component(service = ConfigCommand.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=config" })
public class ConfigCommand {

    /** How long a change may take to reach the components (Configuration Admin delivers asynchronously). */
    static final long APPLY_TIMEOUT_MS = 5000;

    private final BundleContext context;
    private final MetatypeSettings settings;
    private final ConfigurationAdmin configurations;

    @Activate
    public ConfigCommand(BundleContext context, @Reference MetaTypeService metatype,
            @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.settings = new MetatypeSettings(context, metatype);
        this.configurations = configurations;
    }

    @Descriptor("list the configurable Mammoflow components: PID, name, description")
    public String config() {
        StringBuilder out = new StringBuilder();
        settings.definitions().forEach((pid, ocd) -> out.append(String.format(Locale.ROOT, "%-38s %s: %s%n", pid, ocd.getName(),
                ocd.getDescription())));
        return out.append("mammo:config PID shows its settings; mammo:config PID key=value ... changes them").toString();
    }

    @Descriptor("show the settings of PID (type, value, default, description); with key=value pairs, change them")
    public String config(@Descriptor("configuration PID, e.g. org.mammoflow.sampling.s10") String pid,
            @Descriptor("settings to change, e.g. patchSize=112") String... settings)
            throws IOException, InterruptedException {
        ObjectClassDefinition ocd = definition(pid);
        if (settings.length == 0) {
            return describe(pid, ocd);
        }
        Map<String, Object> changes = parse(pid, ocd, settings);
        Configuration configuration = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            properties.put(change.getKey(), change.getValue());
        }
        configuration.update(properties);
        String applied = awaitApplied(pid, changes) ? "" : "\n(stored; no running component of " + pid
                + " has taken it yet: it will when one starts)";
        return describe(pid, ocd) + applied;
    }

    private String describe(String pid, ObjectClassDefinition ocd) throws IOException {
        Dictionary<String, Object> current = configurations.getConfiguration(pid, "?").getProperties();
        StringBuilder out = new StringBuilder(pid + ": " + ocd.getName() + "\n");
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            Object value = current == null ? null : current.get(ad.getID());
            if (ad.getType() == AttributeDefinition.PASSWORD && value != null) {
                value = "********";
            }
            String defaults = ad.getDefaultValue() == null ? "" : String.join(",", ad.getDefaultValue());
            out.append(String.format(Locale.ROOT, "  %-20s %-8s = %-14s (default %s) %s%n", ad.getID(),
                    MetatypeSettings.typeName(ad), value == null ? defaults : InfoCommand.show(value), defaults, ad.getDescription()));
        }
        return out.toString().stripTrailing();
    }

    /** Parses {@code key=value} pairs into the attribute types, refusing unknown keys and invalid values. */
    private static Map<String, Object> parse(String pid, ObjectClassDefinition ocd, String... settings) {
        Map<String, AttributeDefinition> attributes = MetatypeSettings.attributes(ocd);
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("not key=value: '" + setting + "'");
            }
            String key = setting.substring(0, equals);
            String text = setting.substring(equals + 1);
            AttributeDefinition ad = attributes.get(key);
            if (ad == null) {
                throw new IllegalArgumentException(pid + " has no setting '" + key + "'; it has " + attributes.keySet());
            }
            String problem = MetatypeSettings.problem(ad, text);
            if (problem != null) {
                throw new IllegalArgumentException(pid + " " + problem);
            }
            changes.put(key, MetatypeSettings.typed(pid, ad, text));
        }
        return changes;
    }

    /** Waits until every service of this PID shows the changed values (or none is registered). */
    private boolean awaitApplied(String pid, Map<String, Object> changes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + APPLY_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            List<ServiceReference<?>> services = services(pid);
            if (!services.isEmpty() && services.stream().allMatch(s -> shows(s, changes))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean shows(ServiceReference<?> service, Map<String, Object> changes) {
        return changes.entrySet().stream().allMatch(c -> {
            Object value = service.getProperty(c.getKey());
            return value != null && (c.getValue().getClass().isArray()
                    ? InfoCommand.show(value).equals(InfoCommand.show(c.getValue()))
                    : value.equals(c.getValue()));
        });
    }

    private List<ServiceReference<?>> services(String pid) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(null, "(service.pid=" + pid + ")");
            return found == null ? List.of() : Arrays.asList(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a PID: '" + pid + "'", e);
        }
    }

    private ObjectClassDefinition definition(String pid) {
        return settings.definition(pid).orElseThrow(() -> new IllegalArgumentException(
                "no Mammoflow component has the configuration PID '" + pid + "'; mammo:config lists them"));
    }
}
