package org.mammoflow.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** The page, its script and style, served from the bundle's {@code /web} folder. */
@Component(service = WebPages.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardResource(pattern = { "/index.html", "/app.js", "/style.css" }, prefix = "/web")
public class WebPages {
}
