package org.mammoflow.inference;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.network.Network;
import org.mammoflow.inference.input.Pixels;

/**
 * The patch classifier slid over a mammogram: at every stride the probability that the patch is
 * not background (the sum of the four lesion classes), interpolated to every pixel and drawn over
 * the image from transparent (0) through red to yellow (1).
 */
final class Heatmap {

    private static final int BATCH = 32;

    private Heatmap() {
    }

    static BufferedImage draw(Network network, GrayImage image, int stride) {
        return overlay(image, scores(network, image, stride), network.spec().width(), stride);
    }

    /** Lesion probability of the patch whose top-left corner is (gx * stride, gy * stride). */
    static float[][] scores(Network network, GrayImage image, int stride) {
        int side = network.spec().width();
        if (image.width() < side || image.height() < side) {
            throw new IllegalArgumentException("image of " + image.width() + " x " + image.height()
                    + " is smaller than a " + side + "-pixel patch");
        }
        int gw = (image.width() - side) / stride + 1;
        int gh = (image.height() - side) / stride + 1;
        float[] normalized = Pixels.normalized(image);
        float[][] grid = new float[gh][gw];
        List<int[]> cells = new ArrayList<>();
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                cells.add(new int[] {gx, gy});
            }
        }
        for (int from = 0; from < cells.size(); from += BATCH) {
            List<int[]> chunk = cells.subList(from, Math.min(cells.size(), from + BATCH));
            List<float[]> patches = new ArrayList<>();
            for (int[] cell : chunk) {
                patches.add(crop(normalized, image.width(), cell[0] * stride, cell[1] * stride, side));
            }
            float[][] p = ModelInference.probabilities(network, patches, false);
            for (int i = 0; i < chunk.size(); i++) {
                grid[chunk.get(i)[1]][chunk.get(i)[0]] = 1 - p[i][0];
            }
        }
        return grid;
    }

    private static float[] crop(float[] image, int width, int x0, int y0, int side) {
        float[] patch = new float[side * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(image, (y0 + y) * width + x0, patch, y * side, side);
        }
        return patch;
    }

    private static BufferedImage overlay(GrayImage image, float[][] grid, int side, int stride) {
        int gh = grid.length;
        int gw = grid[0].length;
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            double gy = clamp((y - side / 2.0) / stride, gh - 1);
            for (int x = 0; x < image.width(); x++) {
                double gx = clamp((x - side / 2.0) / stride, gw - 1);
                double heat = bilinear(grid, gx, gy);
                int gray = (image.samples()[y * image.width() + x] & 0xFFFF) >> 8;
                double alpha = 0.65 * heat;
                int r = (int) Math.round(gray * (1 - alpha) + 255 * alpha);
                int g = (int) Math.round(gray * (1 - alpha) + 255 * alpha * Math.max(0, 2 * heat - 1));
                int b = (int) Math.round(gray * (1 - alpha));
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static double bilinear(float[][] grid, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, grid[0].length - 1);
        int y1 = Math.min(y0 + 1, grid.length - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = grid[y0][x0] * (1 - fx) + grid[y0][x1] * fx;
        double bottom = grid[y1][x0] * (1 - fx) + grid[y1][x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
