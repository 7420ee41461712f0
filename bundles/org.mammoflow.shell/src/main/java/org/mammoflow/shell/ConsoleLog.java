package org.mammoflow.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Shows the Mammoflow bundles' warnings and errors, which they report through the OSGi Logger, on
 * the process's standard error, as "mammoflow: MESSAGE".
 */
@Component(immediate = true, service = {})
public class ConsoleLog implements LogListener {

    private final LogReaderService reader;
    private final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    @Activate
    public ConsoleLog(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String bundle = entry.getBundle() == null ? "" : entry.getBundle().getSymbolicName();
        if (bundle.startsWith("org.mammoflow.") && LogLevel.WARN.implies(entry.getLogLevel())) {
            err.println("mammoflow: " + entry.getMessage()
                    + (entry.getException() == null ? "" : " (" + entry.getException() + ")"));
        }
    }
}
