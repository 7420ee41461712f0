package org.mammoflow.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The training curve as a picture: loss and accuracy per epoch, training and validation, stages marked. */
final class TrainingCurve {

    private static final int PANEL = 480;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 48;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);

    private TrainingCurve() {
    }

    static BufferedImage draw(List<EpochMetrics> rows) {
        BufferedImage image = new BufferedImage(2 * PANEL, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        panel(g, 0, "loss", rows, EpochMetrics::trainLoss, EpochMetrics::validationLoss);
        panel(g, PANEL, "accuracy", rows, EpochMetrics::trainAccuracy, EpochMetrics::validationAccuracy);
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, int left, String title, List<EpochMetrics> rows,
            ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> validation) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (EpochMetrics m : rows) {
            for (double v : new double[] {train.applyAsDouble(m), validation.applyAsDouble(m)}) {
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (low > high) {
            low = 0;
            high = 1;
        }
        if (high - low < 1e-9) {
            high = low + 1;
        }
        int x0 = left + MARGIN;
        int y0 = HEIGHT - MARGIN;
        int w = PANEL - 2 * MARGIN;
        int h = HEIGHT - 2 * MARGIN;
        g.setColor(Color.BLACK);
        g.drawRect(x0, MARGIN, w, h);
        g.drawString(title + " per epoch (blue: training, orange: validation)", x0, MARGIN - 16);
        g.drawString(String.format(Locale.ROOT, "%.3g", high), left + 4, MARGIN + 4);
        g.drawString(String.format(Locale.ROOT, "%.3g", low), left + 4, y0);
        g.drawString("epoch " + rows.size(), x0 + w - 60, y0 + 20);
        int n = rows.size();
        for (int i = 1; i < n; i++) {
            if (rows.get(i).stage() != rows.get(i - 1).stage()) {
                g.setColor(Color.LIGHT_GRAY);
                int x = x0 + (int) Math.round(w * (i - 0.5) / Math.max(1, n - 1));
                g.drawLine(x, MARGIN, x, y0);
                g.drawString("stage " + rows.get(i).stage(), x + 3, MARGIN + 14);
            }
        }
        line(g, rows, train, TRAIN, x0, y0, w, h, low, high);
        line(g, rows, validation, VALIDATION, x0, y0, w, h, low, high);
    }

    private static void line(Graphics2D g, List<EpochMetrics> rows, ToDoubleFunction<EpochMetrics> value, Color color,
            int x0, int y0, int w, int h, double low, double high) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int n = rows.size();
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            double v = value.applyAsDouble(rows.get(i));
            if (!Double.isFinite(v)) {
                continue;
            }
            int x = x0 + (n == 1 ? w / 2 : (int) Math.round(w * i / (double) (n - 1)));
            int y = y0 - (int) Math.round(h * (v - low) / (high - low));
            g.fillOval(x - 3, y - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
