package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.head.WholeImageHead;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Layer;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * A third party's whole-image head (examples/org.example.tinyhead, written against the API alone)
 * deployed through load/ while the runtime runs, chosen with {@code --head}, trained for a
 * whole-image step; its checkpoint still opens once the bundle is gone.
 */
class HeadBundleTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor processor;

    @InjectService
    NetworkFactory networks;

    @TempDir
    Path workspace;

    @Test
    void aHeadBundleDroppedIntoLoadTrainsAWholeImageNetwork() throws Exception {
        Path jar = Path.of(context.getProperty("mammoflow.example.head"));
        assertTrue(Files.isRegularFile(jar), "the example head bundle is built first: " + jar);
        Path load = Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
        Path deployed = load.resolve("org.example.tinyhead.jar");
        Path partial = Files.copy(jar, load.getParent().resolve("tinyhead.part"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);
        try {
            awaitHead("tiny", true);

            Path raw = workspace.resolve("raw");
            Path ready = workspace.resolve("ready");
            run("mammo:synth --patients 10 --width 320 --height 400 --seed 9 " + raw);
            run("mammo:import -v 0.3 " + raw);
            run("mammo:preprocess --height 64 --width 64 " + raw + " " + ready);
            NetworkSpec patch = new NetworkSpec("resnet18", 5, 32, 32);
            Path patchCheckpoint = workspace.resolve("patch/best.npz");
            try (Network network = networks.create(patch, 1)) {
                network.save(new Checkpoint(patchCheckpoint, patch, 3, 1, Map.of()));
            }
            Path runDir = workspace.resolve("whole");
            String trained = run("mammo:train-whole --wait --head tiny -e 1,0 -b 4 --height 64 --width 64 "
                    + patchCheckpoint + " " + ready + " " + runDir);
            assertTrue(trained.contains("succeeded"), trained);

            NetworkSpec whole = networks.describe(runDir.resolve("best.npz")).spec();
            assertEquals("resnet18+tiny-head", whole.architecture());
            assertEquals(List.of(new Layer.ConvBlock("layer5", 512, 32, 1, false)), whole.head().orElseThrow().blocks());
        } finally {
            Files.deleteIfExists(deployed);
        }
        awaitHead("tiny", false);
        try (Network reopened = networks.open(workspace.resolve("whole/best.npz"))) {
            float[][] p = reopened.predict(Batch.of(1, 1, 64, 64, new float[64 * 64]));
            assertEquals(1f, p[0][0] + p[0][1], 1e-5, "the checkpoint opens without the head's bundle");
        }
    }

    private void awaitHead(String name, boolean present) throws Exception {
        String filter = "(" + WholeImageHead.NAME + "=" + name + ")";
        for (int i = 0; i < 300; i++) {
            boolean found = context.getServiceReferences(WholeImageHead.class, filter).size() > 0;
            if (found == present) {
                return;
            }
            Thread.sleep(100);
        }
        fail("head " + name + (present ? " never appeared" : " never went away"));
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            assertNotNull(result, command);
            return output.toString(StandardCharsets.UTF_8) + result;
        }
    }
}
