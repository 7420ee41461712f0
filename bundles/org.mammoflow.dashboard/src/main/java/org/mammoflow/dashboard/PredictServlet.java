package org.mammoflow.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.network.NetworkFactory;
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
 * {@code /api/predict/models}: the runs' best checkpoints, whole-image and patch; {@code POST
 * /api/predict?run=R[&patchRun=P]&name=FILE} with a mammogram (PNG or DICOM, raw) as the body: its
 * malignant probability under run R's model and, with P, the heatmap of P's patch model. The upload is
 * kept in the work folder only while it is predicted.
 */
@Component(service = Servlet.class, configurationPid = DashboardSettings.PID)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/api/predict/*")
public class PredictServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String BEST = "best.npz";

    private final transient Predictor predictor;
    private final transient NetworkFactory networks;
    private transient volatile DashboardSettings settings;
    private transient volatile RunFolders runs;

    @Activate
    public PredictServlet(@Reference Predictor predictor, @Reference NetworkFactory networks, DashboardSettings settings) {
        this.predictor = predictor;
        this.networks = networks;
        modified(settings);
    }

    @Modified
    void modified(DashboardSettings changed) {
        this.settings = changed;
        this.runs = RunFolders.of(changed);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/heatmap".equals(request.getPathInfo())) {
            String id = String.valueOf(request.getParameter("id"));
            Path heatmap = folder("heatmaps").resolve(id + ".png");
            if (!id.matches("[0-9a-f-]{36}") || !Files.isRegularFile(heatmap)) {
                Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "no such heatmap");
                return;
            }
            Responses.file(response, heatmap);
            return;
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (RunFolders.Run run : runs.list()) {
            Path best = run.files().get(BEST);
            if (best != null) {
                int classes = networks.describe(best).spec().classes();
                models.add(Map.of("run", run.name(), "kind", classes == 2 ? "whole-image" : "patch"));
            }
        }
        Responses.json(response, models);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Path> model = runs.file(request.getParameter("run"), BEST);
        String patchRun = request.getParameter("patchRun");
        Optional<Path> patchModel = patchRun == null || patchRun.isEmpty() ? Optional.empty() : runs.file(patchRun, BEST);
        String name = Optional.ofNullable(request.getParameter("name")).orElse("upload");
        long limit = settings.uploadLimitMegabytes() * 1024L * 1024L;
        if (model.isEmpty() || (patchRun != null && !patchRun.isEmpty() && patchModel.isEmpty())) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "choose a run with a best.npz for each model");
        } else if (request.getContentLengthLong() > limit) {
            tooLarge(response, name);
        } else {
            predict(request, response, model.get(), patchModel, name, limit);
        }
    }

    private void predict(HttpServletRequest request, HttpServletResponse response, Path model, Optional<Path> patchModel,
            String name, long limit) throws IOException {
        String id = UUID.randomUUID().toString();
        Path upload = folder("uploads").resolve(id + (name.toLowerCase(Locale.ROOT).endsWith(".png") ? ".png" : ".dcm"));
        try {
            if (!receive(request.getInputStream(), upload, limit)) {
                tooLarge(response, name);
                return;
            }
            double malignant = predictor.predictImages(List.of(model), List.of(upload), false, Optional.empty(),
                    (done, all) -> { }).images().get(0).malignant();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("name", name);
            answer.put("malignant", malignant);
            if (patchModel.isPresent()) {
                predictor.heatmap(patchModel.get(), upload, folder("heatmaps").resolve(id + ".png"), settings.heatmapStride());
                answer.put("heatmap", request.getContextPath() + "/api/predict/heatmap?id=" + id);
            }
            Responses.json(response, answer);
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).replace(upload.toString(), name);
            Responses.error(response, 422, name + ": " + why);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    private void tooLarge(HttpServletResponse response, String name) throws IOException {
        Responses.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, name + " is larger than the "
                + settings.uploadLimitMegabytes() + " MB upload limit (" + DashboardSettings.PID + " uploadLimitMegabytes)");
    }

    /** Copies the body into the file; false (and no file) if it is longer than the limit. */
    private static boolean receive(InputStream body, Path file, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    out.close();
                    Files.delete(file);
                    return false;
                }
                out.write(buffer, 0, n);
            }
        }
        return true;
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(Path.of(settings.workFolder()).toAbsolutePath().resolve(name));
    }
}
