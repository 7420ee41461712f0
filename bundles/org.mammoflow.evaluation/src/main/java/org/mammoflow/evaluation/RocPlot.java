package org.mammoflow.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import org.mammoflow.api.evaluation.Interval;

/** The ROC curve as a picture, with the AUC and its interval in the title. */
final class RocPlot {

    private static final int SIZE = 520;
    private static final int MARGIN = 60;

    private RocPlot() {
    }

    static BufferedImage draw(List<Roc.Point> points, double auc, Interval interval, int resamples) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        int side = SIZE - 2 * MARGIN;
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN, side, side);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "ROC: AUC %.3f (95%% CI %.3f-%.3f, %d bootstrap resamples)", auc,
                interval.low(), interval.high(), resamples), MARGIN - 40, MARGIN - 20);
        g.drawString("false positive rate (1 - specificity)", MARGIN + side / 2 - 110, SIZE - MARGIN + 35);
        g.drawString("0", MARGIN - 12, SIZE - MARGIN + 14);
        g.drawString("1", MARGIN + side - 3, SIZE - MARGIN + 14);
        g.drawString("1", MARGIN - 12, MARGIN + 5);
        g.rotate(-Math.PI / 2);
        g.drawString("true positive rate (sensitivity)", -(MARGIN + side / 2 + 95), MARGIN - 20);
        g.rotate(Math.PI / 2);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(MARGIN, MARGIN + side, MARGIN + side, MARGIN);
        g.setColor(new Color(214, 39, 40));
        g.setStroke(new BasicStroke(2.5f));
        for (int i = 1; i < points.size(); i++) {
            Roc.Point a = points.get(i - 1);
            Roc.Point b = points.get(i);
            g.drawLine(x(a.falsePositiveRate(), side), y(a.truePositiveRate(), side), x(b.falsePositiveRate(), side),
                    y(b.truePositiveRate(), side));
        }
        g.dispose();
        return image;
    }

    private static int x(double rate, int side) {
        return MARGIN + (int) Math.round(rate * side);
    }

    private static int y(double rate, int side) {
        return MARGIN + side - (int) Math.round(rate * side);
    }
}
