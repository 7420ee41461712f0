package org.mammoflow.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The reliability diagram: per probability bin, the fraction of malignant images against the mean
 * predicted probability, before (grey) and after (red) calibration, each point's area growing with
 * its bin's cases; a calibrated model lies on the diagonal.
 */
final class ReliabilityPlot {

    private static final int SIZE = 520;
    private static final int MARGIN = 60;
    private static final Color BEFORE = new Color(120, 120, 120);
    private static final Color AFTER = new Color(214, 39, 40);

    private ReliabilityPlot() {
    }

    static BufferedImage draw(CalibrationError.Bin[] before, CalibrationError.Bin[] after, String method,
            double eceBefore, double eceAfter) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        int side = SIZE - 2 * MARGIN;
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN, side, side);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("Reliability (test images, " + CalibrationError.BINS + " bins)", MARGIN, MARGIN - 30);
        g.drawString("mean predicted probability", MARGIN + side / 2 - 80, SIZE - MARGIN + 35);
        for (int tick = 0; tick <= 10; tick += 5) {
            String label = String.format(Locale.ROOT, "%.1f", tick / 10.0);
            g.drawString(label, x(tick / 10.0, side) - 8, SIZE - MARGIN + 16);
            g.drawString(label, MARGIN - 28, y(tick / 10.0, side) + 5);
        }
        g.rotate(-Math.PI / 2);
        g.drawString("fraction malignant", -(MARGIN + side / 2 + 60), MARGIN - 35);
        g.rotate(Math.PI / 2);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(MARGIN, MARGIN + side, MARGIN + side, MARGIN);
        series(g, before, BEFORE, side);
        series(g, after, AFTER, side);
        g.setColor(BEFORE);
        g.drawString(String.format(Locale.ROOT, "raw score (ECE %.3f)", eceBefore), MARGIN + 10, MARGIN + 20);
        g.setColor(AFTER);
        g.drawString(String.format(Locale.ROOT, "%s calibrated (ECE %.3f)", method, eceAfter), MARGIN + 10, MARGIN + 38);
        g.dispose();
        return image;
    }

    private static void series(Graphics2D g, CalibrationError.Bin[] bins, Color color, int side) {
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
            int[] point = { x(bin.meanProbability(), side), y(bin.fractionPositive(), side) };
            int r = 3 + (int) Math.round(9 * Math.sqrt(bin.cases() / (double) total));
            g.fillOval(point[0] - r, point[1] - r, 2 * r, 2 * r);
            if (last != null) {
                g.drawLine(last[0], last[1], point[0], point[1]);
            }
            last = point;
        }
    }

    private static int x(double value, int side) {
        return MARGIN + (int) Math.round(value * side);
    }

    private static int y(double value, int side) {
        return MARGIN + side - (int) Math.round(value * side);
    }
}
