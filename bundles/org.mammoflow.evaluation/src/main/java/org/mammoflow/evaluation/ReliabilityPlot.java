package org.mammoflow.evaluation;

import static org.mammoflow.evaluation.PlotCanvas.MARGIN;
import static org.mammoflow.evaluation.PlotCanvas.SIDE;
import static org.mammoflow.evaluation.PlotCanvas.SIZE;
import static org.mammoflow.evaluation.PlotCanvas.x;
import static org.mammoflow.evaluation.PlotCanvas.y;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The reliability diagram: per probability bin, the fraction of malignant images against the mean
 * predicted probability, before (grey) and after (red) calibration, each point's area growing with
 * its bin's cases; a calibrated model lies on the diagonal.
 */
final class ReliabilityPlot {

    private static final Color BEFORE = new Color(120, 120, 120);
    private static final Color AFTER = new Color(214, 39, 40);

    private ReliabilityPlot() {
    }

    static BufferedImage draw(CalibrationError.Bin[] before, CalibrationError.Bin[] after, String method,
            double eceBefore, double eceAfter) {
        BufferedImage image = PlotCanvas.blank();
        Graphics2D g = PlotCanvas.frame(image);
        g.drawString("Reliability (test images, " + CalibrationError.BINS + " bins)", MARGIN, MARGIN - 30);
        g.drawString("mean predicted probability", MARGIN + SIDE / 2 - 80, SIZE - MARGIN + 35);
        for (int tick = 0; tick <= 10; tick += 5) {
            String label = String.format(Locale.ROOT, "%.1f", tick / 10.0);
            g.drawString(label, x(tick / 10.0) - 8, SIZE - MARGIN + 16);
            g.drawString(label, MARGIN - 28, y(tick / 10.0) + 5);
        }
        g.rotate(-Math.PI / 2);
        g.drawString("fraction malignant", -(MARGIN + SIDE / 2 + 60), MARGIN - 35);
        g.rotate(Math.PI / 2);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(MARGIN, MARGIN + SIDE, MARGIN + SIDE, MARGIN);
        series(g, before, BEFORE);
        series(g, after, AFTER);
        g.setColor(BEFORE);
        g.drawString(String.format(Locale.ROOT, "raw score (ECE %.3f)", eceBefore), MARGIN + 10, MARGIN + 20);
        g.setColor(AFTER);
        g.drawString(String.format(Locale.ROOT, "%s calibrated (ECE %.3f)", method, eceAfter), MARGIN + 10, MARGIN + 38);
        g.dispose();
        return image;
    }

    private static void series(Graphics2D g, CalibrationError.Bin[] bins, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int total = 0;
        for (CalibrationError.Bin bin : bins) {
            total += bin.cases();
        }
        int[] last = null;
        for (CalibrationError.Bin bin : bins) {
            if (bin.cases() == 0) {
                continue;
            }
            int[] point = { x(bin.meanProbability()), y(bin.fractionPositive()) };
            int r = 3 + (int) Math.round(9 * Math.sqrt(bin.cases() / (double) total));
            g.fillOval(point[0] - r, point[1] - r, 2 * r, 2 * r);
            if (last != null) {
                g.drawLine(last[0], last[1], point[0], point[1]);
            }
            last = point;
        }
    }
}
