package org.mammoflow.shell;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The console shows warnings and errors only, from the first line on. Apache Aries SPI Fly reports
 * each service provider it registers at INFO through java.util.logging, whose default handler prints
 * to standard error; this activator (the shell bundle starts at the first start level, before SPI Fly)
 * raises that logger's level to WARNING, keeping the logger referenced while the bundle is active,
 * since java.util.logging holds its loggers weakly.
 */
public class QuietStart implements BundleActivator {

    private Logger spiFly;
    private Level before;

    @Override
    public void start(BundleContext context) {
        spiFly = Logger.getLogger("org.apache.aries.spifly");
        before = spiFly.getLevel();
        spiFly.setLevel(Level.WARNING);
    }

    @Override
    public void stop(BundleContext context) {
        spiFly.setLevel(before);
    }
}
