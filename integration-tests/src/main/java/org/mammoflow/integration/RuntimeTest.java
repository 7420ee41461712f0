package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** The assembled runtime: every bundle resolved and started, every Mammoflow component alive. */
class RuntimeTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ServiceComponentRuntime scr;

    @Test
    void everyBundleIsActive() {
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(bundle -> !isFragment(bundle))
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " is in state " + bundle.getState())
                .toList();
        assertEquals(List.of(), notActive);
    }

    @Test
    void mammoflowBundlesAreInstalled() {
        List<String> names = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).toList();
        assertTrue(names.containsAll(List.of("org.mammoflow.api", "org.mammoflow.shell")), names.toString());
    }

    @Test
    void everyMammoflowComponentIsSatisfied() {
        List<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("org.mammoflow."))
                .toList();
        assertTrue(descriptions.size() >= 2, "expected the shell's components, found " + descriptions.size());
        for (ComponentDescriptionDTO description : descriptions) {
            assertTrue(scr.isComponentEnabled(description), description.name + " is disabled");
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                assertTrue(configuration.state == ComponentConfigurationDTO.ACTIVE
                        || configuration.state == ComponentConfigurationDTO.SATISFIED,
                        description.name + " is not satisfied: unsatisfied references "
                                + Arrays.toString(configuration.unsatisfiedReferences));
            }
        }
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }
}
