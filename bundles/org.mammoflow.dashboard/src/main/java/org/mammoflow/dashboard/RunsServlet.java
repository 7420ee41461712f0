package org.mammoflow.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/runs}: the runs below the runs folder with their files; {@code /api/runs/file?run=R&key=K}
 * one of those files; {@code POST /api/runs/resume?run=R} continues a cancelled or killed run.
 */
@Component(service = Servlet.class, configurationPid = DashboardSettings.PID)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/api/runs/*")
public class RunsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TrainingScheduler scheduler;
    private transient volatile RunFolders runs;

    @Activate
    public RunsServlet(@Reference TrainingScheduler scheduler, DashboardSettings settings) {
        this.scheduler = scheduler;
        modified(settings);
    }

    @Modified
    void modified(DashboardSettings settings) {
        this.runs = RunFolders.of(settings);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/file".equals(request.getPathInfo())) {
            Optional<Path> file = runs.file(request.getParameter("run"), request.getParameter("key"));
            if (file.isEmpty()) {
                Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "no such file in the runs listed");
                return;
            }
            Responses.file(response, file.get());
            return;
        }
        List<Map<String, Object>> listed = runs.list().stream().map(this::describe).toList();
        Responses.json(response, listed);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/resume".equals(request.getPathInfo())) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "POST /api/runs/resume?run=NAME");
            return;
        }
        Optional<RunFolders.Run> run = runs.run(request.getParameter("run"));
        if (run.isEmpty()) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "no run " + request.getParameter("run"));
            return;
        }
        try {
            Responses.json(response, JobsServlet.describe(scheduler.resume(run.get().folder())));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            Responses.error(response, HttpServletResponse.SC_CONFLICT, e.getMessage());
        }
    }

    private Map<String, Object> describe(RunFolders.Run run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", run.name());
        json.put("files", List.copyOf(run.files().keySet()));
        scheduler.jobs().stream().filter(j -> j.runDir().toAbsolutePath().normalize().equals(run.folder()))
                .reduce((first, second) -> second).map(TrainingJob::id).ifPresent(id -> json.put("job", id));
        return json;
    }
}
