package org.mammoflow.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.pacs.PacsScreening;
import org.mammoflow.api.pacs.PacsWatch;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/jobs}: the training jobs and the PACS watches, with their progress ({@code kind} says
 * which); {@code POST /api/jobs/ID/cancel} cancels one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/api/jobs/*")
public class JobsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TrainingScheduler scheduler;
    /** PACS watches are jobs too, when the PACS bundle is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PacsScreening pacs;

    @Activate
    public JobsServlet(@Reference TrainingScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> jobs = new ArrayList<>(scheduler.jobs().stream().map(JobsServlet::describe).toList());
        watches().forEach(watch -> jobs.add(describe(watch)));
        Responses.json(response, jobs);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] parts = String.valueOf(request.getPathInfo()).split("/");
        if (parts.length != 3 || !parts[2].equals("cancel")) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "POST /api/jobs/ID/cancel");
            return;
        }
        Optional<PacsWatch> watch = watches().stream().filter(w -> w.id().equals(parts[1])).findFirst();
        if (watch.isPresent()) {
            watch.get().cancel();
            Responses.json(response, describe(watch.get()));
            return;
        }
        Optional<TrainingJob> job = scheduler.job(parts[1]);
        if (job.isEmpty()) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "no job " + parts[1]);
            return;
        }
        job.get().cancel();
        Responses.json(response, describe(job.get()));
    }

    private List<PacsWatch> watches() {
        PacsScreening present = pacs;
        return present == null ? List.of() : present.watches();
    }

    static Map<String, Object> describe(TrainingJob job) {
        return describe("training", job.runDir().toString(), job.progress());
    }

    /** A watch: its progress counts studies (batch: answered or refused, batches: on the server). */
    static Map<String, Object> describe(PacsWatch watch) {
        return describe("pacs-watch", "PACS " + watch.server(), watch.progress());
    }

    private static Map<String, Object> describe(String kind, String runDir, JobProgress p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job", p.jobId());
        json.put("kind", kind);
        json.put("runDir", runDir);
        json.put("state", p.state().name());
        json.put("stage", p.stage());
        json.put("stages", p.stages());
        json.put("epoch", p.epoch());
        json.put("epochs", p.epochs());
        json.put("batch", p.batch());
        json.put("batches", p.batches());
        json.put("loss", p.loss());
        json.put("accuracy", p.accuracy());
        json.put("imagesPerSecond", p.imagesPerSecond());
        json.put("remainingSeconds", p.remaining() == null ? null : p.remaining().toSeconds());
        json.put("message", p.message());
        return json;
    }
}
