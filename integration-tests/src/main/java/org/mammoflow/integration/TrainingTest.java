package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.Stage;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.api.training.TrainingScheduler;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** A training job in the framework: progress on Event Admin, and stopping its bundle mid-job. */
class TrainingTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    TrainingScheduler scheduler;

    @InjectService
    ImageFiles files;

    @TempDir
    Path dir;

    @Test
    void stoppingTheTrainingBundleMidJobCancelsItAndLeavesNoThread() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        CountDownLatch secondBatch = new CountDownLatch(1);
        EventHandler handler = event -> {
            events.add(event);
            if (event.getProperty(TrainingScheduler.EVENT_BATCH) instanceof Integer batch && batch >= 2) {
                secondBatch.countDown();
            }
        };
        var registration = context.registerService(EventHandler.class, handler,
                new java.util.Hashtable<>(java.util.Map.of(EventConstants.EVENT_TOPIC, TrainingScheduler.PROGRESS_TOPIC)));
        Path patches = patchSet(dir.resolve("patches"));
        Schedule long_ = new Schedule("patch", List.of(new Stage("fc", List.of("fc"), 1e-3, 1e-4, 100, 2)));
        TrainingJob job = scheduler.submit(new TrainingRequest(patches, dir.resolve("run"),
                new NetworkSpec("resnet18", 5, 32, 32), long_, Optional.empty(), 1));
        secondBatch.await(); // its progress events arrive: the job runs (its 100 epochs last far longer)
        assertEquals(JobState.RUNNING, job.progress().state(), job.progress().message());
        Bundle training = FrameworkUtil.getBundle(scheduler.getClass());
        training.stop();
        try {
            assertEquals(JobState.CANCELLED, job.progress().state());
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().startsWith("mammoflow-training-")), "a thread is left");
            assertTrue(events.stream().anyMatch(e -> "RUNNING".equals(e.getProperty(TrainingScheduler.EVENT_STATE))), events.toString());
        } finally {
            training.start();
            registration.unregister();
        }
    }

    private Path patchSet(Path root) throws Exception {
        List<String> lines = new ArrayList<>(List.of("file,patient,split,class"));
        for (String split : List.of("train", "validation")) {
            for (int c = 0; c < 5; c++) {
                short[] samples = new short[32 * 32];
                java.util.Arrays.fill(samples, (short) (c * 12000));
                String name = split + "/" + c + ".png";
                files.write(root.resolve(name), new GrayImage(32, 32, samples));
                lines.add(name + ",P" + c + "," + split + "," + c);
            }
        }
        Files.write(root.resolve("patches.csv"), lines);
        return root;
    }
}
