package org.mammoflow.dashboard;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mammoflow.api.sampling.PatchSampling;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /api/samplers}: the active patch sampler and those present; {@code POST /api/samplers?use=NAME} swaps it live. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/api/samplers")
public class SamplersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient PatchSampling sampling;

    @Activate
    public SamplersServlet(@Reference PatchSampling sampling) {
        this.sampling = sampling;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.json(response, describe());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            sampling.useSampler(String.valueOf(request.getParameter("use")));
        } catch (IllegalArgumentException e) {
            Responses.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        Responses.json(response, describe());
    }

    private Map<String, Object> describe() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", sampling.activeSampler().orElse(null));
        json.put("available", sampling.samplers());
        return json;
    }
}
