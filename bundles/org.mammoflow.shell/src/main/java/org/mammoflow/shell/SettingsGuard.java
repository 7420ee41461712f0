package org.mammoflow.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Refuses settings outside their Metatype range however they arrive (a {@code load/*.cfg} file, the Web
 * Console, a script): Configuration Admin passes every configuration through this plugin on its way to
 * a component; a refused setting is left out, so the component keeps its default, and the error names
 * the file, the setting, the value and the range. The stored configuration (and its file) is untouched.
 */
@Component(property = { ConfigurationPlugin.CM_RANKING + ":Integer=100" })
public class SettingsGuard implements ConfigurationPlugin {

    /** Where FileInstall records the file a configuration came from. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private final MetatypeSettings settings;
    private final Logger log;

    @Activate
    public SettingsGuard(BundleContext context, @Reference MetaTypeService metatype,
            @Reference ConfigurationAdmin configurations, @Reference(service = LoggerFactory.class) Logger log)
            throws IOException, InvalidSyntaxException {
        this.settings = new MetatypeSettings(context, metatype);
        this.log = log;
        redeliverRefused(configurations);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> properties) {
        Optional<ObjectClassDefinition> ocd = definition(properties);
        if (ocd.isEmpty()) {
            return;
        }
        Map<String, String> problems = MetatypeSettings.problems(ocd.get(), properties);
        problems.forEach((key, problem) -> {
            properties.remove(key);
            log.error("{}: {}; its default applies", source(properties), problem);
        });
    }

    /**
     * Configurations delivered before this plugin started went out unchecked; {@link Configuration#update()}
     * sends them again, through it.
     */
    private void redeliverRefused(ConfigurationAdmin configurations) throws IOException, InvalidSyntaxException {
        Configuration[] all = configurations.listConfigurations(null);
        for (Configuration configuration : all == null ? new Configuration[0] : all) {
            Dictionary<String, Object> properties = configuration.getProperties();
            Optional<ObjectClassDefinition> ocd = properties == null ? Optional.empty() : definition(properties);
            if (ocd.isPresent() && !MetatypeSettings.problems(ocd.get(), properties).isEmpty()) {
                configuration.update();
            }
        }
    }

    private Optional<ObjectClassDefinition> definition(Dictionary<String, Object> properties) {
        Object pid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        if (pid == null) {
            pid = properties.get(Constants.SERVICE_PID);
        }
        return pid == null ? Optional.empty() : settings.definition(pid.toString());
    }

    private static String source(Dictionary<String, Object> properties) {
        Object file = properties.get(FILEINSTALL_FILENAME);
        Object pid = properties.get(Constants.SERVICE_PID);
        return file == null ? "configuration " + pid : file.toString().replaceFirst("^file:", "") + " (" + pid + ")";
    }
}
