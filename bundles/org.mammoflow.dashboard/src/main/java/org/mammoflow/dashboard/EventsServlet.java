package org.mammoflow.dashboard;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/events}: training progress pushed to the page as server-sent events ({@code event:
 * progress}, the progress event's properties as JSON), with a comment every few seconds so that a
 * closed page is noticed. The stream ends when the page goes or the bundle stops.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/api/events")
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final long KEEP_ALIVE_MS = 5000;

    private final transient ProgressFeed feed;

    @Activate
    public EventsServlet(@Reference ProgressFeed feed) {
        this.feed = feed;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.write("retry: 2000\n\n");
        out.flush();
        BlockingQueue<Map<String, Object>> queue = feed.subscribe();
        try {
            while (!out.checkError()) {
                Map<String, Object> next = queue.poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
                if (next == ProgressFeed.END) {
                    return;
                }
                out.write(next == null ? ": alive\n\n" : "event: progress\ndata: " + Json.of(next) + "\n\n");
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.unsubscribe(queue);
        }
    }
}
