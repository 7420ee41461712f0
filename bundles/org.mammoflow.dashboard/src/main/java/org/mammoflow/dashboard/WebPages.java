package org.mammoflow.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** The page, its script and style: the bundle's {@code /web} folder at {@code /mammoflow/static/}. */
@Component(service = WebPages.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardResource(pattern = "/static/*", prefix = "/web")
public class WebPages {
}
