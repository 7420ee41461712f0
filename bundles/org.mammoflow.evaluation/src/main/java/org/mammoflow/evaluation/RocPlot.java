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
import java.util.List;
import java.util.Locale;

import org.mammoflow.api.evaluation.Interval;

/** The ROC curve as a picture, with the AUC and its interval in the title. */
final class RocPlot {

    private RocPlot() {
    }

    static BufferedImage draw(List<Roc.Point> points, double auc, Interval interval, int resamples) {
        BufferedImage image = PlotCanvas.blank();
        Graphics2D g = PlotCanvas.frame(image);
        g.drawString(String.format(Locale.ROOT, "ROC: AUC %.3f (95%% CI %.3f-%.3f, %d bootstrap resamples)", auc,
                interval.low(), interval.high(), resamples), MARGIN - 40, MARGIN - 20);
        g.drawString("false positive rate (1 - specificity)", MARGIN + SIDE / 2 - 110, SIZE - MARGIN + 35);
        g.drawString("0", MARGIN - 12, SIZE - MARGIN + 14);
        g.drawString("1", MARGIN + SIDE - 3, SIZE - MARGIN + 14);
        g.drawString("1", MARGIN - 12, MARGIN + 5);
        g.rotate(-Math.PI / 2);
        g.drawString("true positive rate (sensitivity)", -(MARGIN + SIDE / 2 + 95), MARGIN - 20);
        g.rotate(Math.PI / 2);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(MARGIN, MARGIN + SIDE, MARGIN + SIDE, MARGIN);
        g.setColor(new Color(214, 39, 40));
        g.setStroke(new BasicStroke(2.5f));
        for (int i = 1; i < points.size(); i++) {
            Roc.Point a = points.get(i - 1);
            Roc.Point b = points.get(i);
            g.drawLine(x(a.falsePositiveRate()), y(a.truePositiveRate()), x(b.falsePositiveRate()),
                    y(b.truePositiveRate()));
        }
        g.dispose();
        return image;
    }
}
