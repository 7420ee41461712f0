package org.mammoflow.dashboard;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /api/jobs}: the training jobs and their progress; {@code POST /api/jobs/ID/cancel} cancels one. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/api/jobs/*")
public class JobsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TrainingScheduler scheduler;

    @Activate
    public JobsServlet(@Reference TrainingScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> jobs = scheduler.jobs().stream().map(JobsServlet::describe).toList();
        Responses.json(response, jobs);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] parts = String.valueOf(request.getPathInfo()).split("/");
        if (parts.length != 3 || !parts[2].equals("cancel")) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "POST /api/jobs/ID/cancel");
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

    static Map<String, Object> describe(TrainingJob job) {
        JobProgress p = job.progress();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job", job.id());
        json.put("runDir", job.runDir().toString());
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
