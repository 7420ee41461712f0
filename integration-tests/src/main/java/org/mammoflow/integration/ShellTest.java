package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mammoflow.api.sampling.PatchSampler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** The gogo commands of scope {@code mammo}, driven through the real command processor. */
class ShellTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor processor;

    @InjectService
    ConfigurationAdmin configurations;

    private CommandSession session;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void openSession() {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    /** help reads the real command services, the hyphenated ones through their proxies, under the names typed. */
    @Test
    void helpListsAndExplainsEveryCommandUnderTheNameItIsTypedWith() throws Exception {
        String help = (String) session.execute("mammo:help");
        for (String command : List.of("mammo:train-patch", "mammo:train-whole", "mammo:demo", "mammo:config",
                "mammo:help", "felix:lb")) {
            assertTrue(help.contains("  " + command + " "), command + " in " + help);
        }
        assertFalse(help.contains("train_"), "no Java method names: " + help);

        String whole = (String) session.execute("mammo:help train-whole");
        assertTrue(whole.startsWith("mammo:train-whole - train the whole-image classifier"), whole);
        assertTrue(whole.contains("usage: mammo:train-whole [OPTIONS] PATCH_CHECKPOINT IMAGES RUN"), whole);
        assertTrue(whole.contains("--head HEAD") && whole.contains("(default: resnet)"), whole);
        assertTrue(whole.contains("--height HEIGHT") && whole.contains("(default: 1152)"), whole);
    }

    @Test
    void infoListsAMammoflowServiceWithItsPropertiesAndProvider() throws Exception {
        ServiceRegistration<PatchSampler> registration = context.registerService(PatchSampler.class,
                (mammogram, random) -> List.of(), new Hashtable<>(Map.of(PatchSampler.NAME, "probe")));
        try {
            String info = (String) session.execute("mammo:info");
            assertTrue(info.contains("org.mammoflow.api.sampling.PatchSampler"), info);
            assertTrue(info.contains("sampler.name = probe"), info);
            assertTrue(info.contains("provided by org.mammoflow.integration"), info);
            assertFalse(info.contains("service.id"), "standard properties need --all: " + info);

            String all = (String) session.execute("mammo:info --all");
            assertTrue(all.contains("service.id = " + registration.getReference().getProperty("service.id")), all);

            String filtered = (String) session.execute("mammo:info --type TrainingScheduler");
            assertFalse(filtered.contains("PatchSampler"), filtered);
            assertTrue(filtered.contains("patchEpochs = [3, 10, 37]"), filtered);
            assertTrue(filtered.endsWith("1 service"), filtered);
        } finally {
            registration.unregister();
        }
    }

    @Test
    void configShowsTypedSettingsAndChangesThemOnTheRunningComponent() throws Exception {
        String pid = "org.mammoflow.sampling.s10";
        try {
            String listed = (String) session.execute("mammo:config");
            assertTrue(listed.contains(pid) && listed.contains("org.mammoflow.training"), listed);

            String shown = (String) session.execute("mammo:config " + pid);
            assertTrue(shown.matches("(?s).*patchSize +int += 224 +\\(default 224\\) Patch side.*"), shown);

            String changed = (String) session.execute("mammo:config " + pid + " patchSize=112 roiCutoff=0.8");
            assertTrue(changed.matches("(?s).*patchSize +int += 112 .*"), changed);
            assertFalse(changed.contains("stored;"), "the running sampler should have taken it: " + changed);
            ServiceReference<?>[] sampler = context.getServiceReferences(PatchSampler.class.getName(), "(sampler.name=s10)");
            assertEquals(112, sampler[0].getProperty("patchSize"));
            assertEquals(0.8, sampler[0].getProperty("roiCutoff"));

            Exception wrongType = assertThrows(Exception.class, () -> session.execute("mammo:config " + pid + " patchSize=big"));
            assertTrue(wrongType.getMessage().contains("patchSize") && wrongType.getMessage().contains("int"),
                    wrongType.getMessage());
            Exception outOfRange = assertThrows(Exception.class,
                    () -> session.execute("mammo:config " + pid + " patchSize=-224"));
            assertTrue(outOfRange.getMessage().contains("patchSize=-224 refused")
                    && outOfRange.getMessage().contains("16 to 2048"), outOfRange.getMessage());
            Exception unknown = assertThrows(Exception.class, () -> session.execute("mammo:config " + pid + " size=1"));
            assertTrue(unknown.getMessage().contains("no setting 'size'"), unknown.getMessage());
            Exception noPid = assertThrows(Exception.class, () -> session.execute("mammo:config org.example.none"));
            assertTrue(noPid.getMessage().contains("org.example.none"), noPid.getMessage());
        } finally {
            Configuration[] left = configurations.listConfigurations("(service.pid=" + pid + ")");
            for (Configuration configuration : left == null ? new Configuration[0] : left) {
                configuration.delete();
            }
        }
    }

    @Test
    void infoSaysWhenNoServiceMatches() throws Exception {
        String info = (String) session.execute("mammo:info -t NoSuchService");
        assertTrue(info.endsWith("0 services"), info);
    }

    /** What gogo's {@code help} prints; the printed form is checked on the real jar (MammoflowJarIT). */
    @Test
    void everyMammoCommandHasHelpText() throws InvalidSyntaxException {
        List<String> undocumented = new ArrayList<>();
        int commands = 0;
        for (ServiceReference<?> reference : context.getServiceReferences((String) null, "(osgi.command.scope=mammo)")) {
            Object service = context.getService(reference);
            try {
                for (String function : functions(reference)) {
                    commands++;
                    if (!documented(service, function)) {
                        undocumented.add(function);
                    }
                }
            } finally {
                context.ungetService(reference);
            }
        }
        assertTrue(commands >= 1, "no mammo command is registered");
        assertEquals(List.of(), undocumented, "commands without @Descriptor");
    }

    @Test
    void unknownCommandFails() {
        Exception failure = assertThrows(Exception.class, () -> session.execute("mammo:no-such-command"));
        assertNotNull(failure.getMessage());
        assertTrue(failure.getMessage().contains("mammo:no-such-command"), failure.getMessage());
    }

    private static List<String> functions(ServiceReference<?> reference) {
        Object value = reference.getProperty("osgi.command.function");
        return value instanceof String[] names ? List.of(names) : List.of(String.valueOf(value));
    }

    private static boolean documented(Object service, String function) {
        if (service instanceof org.apache.felix.gogo.runtime.CommandProxy proxy) {
            // a hyphenated command (train-patch) is a proxy onto the method spelled with '_'
            service = proxy.getTarget();
            function = function.replace('-', '_');
        }
        for (Method method : service.getClass().getMethods()) {
            // gogo also maps a command to '_name', for names that are Java keywords (import)
            boolean implementsIt = method.getName().equals(function) || method.getName().equals("_" + function);
            if (implementsIt && method.isAnnotationPresent(Descriptor.class)) {
                return true;
            }
        }
        return false;
    }
}
