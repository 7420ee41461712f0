package org.mammoflow.evaluation;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The square white picture every evaluation plot is drawn on: a framed unit square and its margins. */
final class PlotCanvas {

    static final int SIZE = 520;
    static final int MARGIN = 60;
    static final int SIDE = SIZE - 2 * MARGIN;

    private PlotCanvas() {
    }

    /** A white picture with the square's frame drawn, and a pen set to black 13-point sans-serif. */
    static Graphics2D frame(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN, SIDE, SIDE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    static BufferedImage blank() {
        return new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    }

    /** The picture's x of a value in [0, 1]. */
    static int x(double value) {
        return MARGIN + (int) Math.round(value * SIDE);
    }

    /** The picture's y of a value in [0, 1] (up is 1). */
    static int y(double value) {
        return MARGIN + SIDE - (int) Math.round(value * SIDE);
    }
}
