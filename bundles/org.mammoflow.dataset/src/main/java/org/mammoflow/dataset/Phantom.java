package org.mammoflow.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Pathology;

/**
 * One synthetic mammogram: a textured breast against the chest wall, a burned-in marker, and
 * lesions whose look depends on their pathology the way radiologists describe it: benign masses
 * are round and circumscribed, malignant ones irregular and spiculated; benign calcifications are
 * few and coarse, malignant ones many, fine and pleomorphic.
 */
final class Phantom {

    /** A drawn lesion and its ROI mask. */
    record Lesion(LesionType type, Pathology pathology, Mask mask) {
    }

    private final int width;
    private final int height;
    private final boolean chestWallLeft;
    private final Random random;
    private final float[] pixels;
    private final double scale; // lesion sizes follow the image width; 896 px is the paper's width

    Phantom(int width, int height, boolean chestWallLeft, Random random) {
        this.width = width;
        this.height = height;
        this.chestWallLeft = chestWallLeft;
        this.random = random;
        this.pixels = new float[width * height];
        this.scale = width / 896.0;
    }

    /** Draws the breast (with a pectoral muscle in MLO views) and the marker. */
    void drawAnatomy(boolean mlo) {
        float[] coarse = noise(6, 8);
        float[] fine = noise(24, 32);
        float base = 17000 + random.nextInt(6000);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = ellipseRadius(x, y);
                int i = y * width + x;
                if (r < 1) {
                    double skin = Math.min(1, (1 - r) * 8); // fades towards the skin line
                    double texture = 0.75 + 0.35 * coarse[i] + 0.15 * fine[i];
                    pixels[i] = (float) (base * texture * (0.55 + 0.45 * skin));
                    if (mlo && depth(x) + y * 0.5 < 0.18 * width) {
                        pixels[i] += 6000;
                    }
                } else {
                    pixels[i] = random.nextInt(300);
                }
            }
        }
        drawMarker();
    }

    /** Draws one lesion of this type and pathology inside the breast and returns it with its mask. */
    private Lesion drawLesion(LesionType type, Pathology pathology) {
        int[] centre = lesionCentre();
        Mask mask = type == LesionType.MASS
                ? drawMass(centre[0], centre[1], pathology == Pathology.MALIGNANT)
                : drawCalcifications(centre[0], centre[1], pathology == Pathology.MALIGNANT);
        return new Lesion(type, pathology, mask);
    }

    GrayImage image() {
        short[] samples = new short[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            samples[i] = (short) Math.max(0, Math.min(65535, Math.round(pixels[i])));
        }
        return new GrayImage(width, height, samples);
    }

    private Mask drawMass(int cx, int cy, boolean malignant) {
        double radius = (28 + random.nextDouble() * 18) * scale;
        double amplitude = 7000 + random.nextInt(2500);
        double[] harmonics = { random.nextDouble() * 6.3, random.nextDouble() * 6.3, random.nextDouble() * 6.3 };
        double elongation = 0.7 + random.nextDouble() * 0.3;
        double angle = random.nextDouble() * Math.PI;
        boolean[] inside = new boolean[pixels.length];
        int reach = (int) (radius * 1.6) + 2;
        for (int y = Math.max(0, cy - reach); y < Math.min(height, cy + reach); y++) {
            for (int x = Math.max(0, cx - reach); x < Math.min(width, cx + reach); x++) {
                double dx = x - cx;
                double dy = y - cy;
                double theta = Math.atan2(dy, dx);
                double edge = malignant
                        ? radius * (1 + 0.18 * Math.sin(3 * theta + harmonics[0]) + 0.12 * Math.sin(5 * theta + harmonics[1])
                                + 0.08 * Math.sin(7 * theta + harmonics[2]))
                        : radius * ellipse(theta - angle, elongation);
                double d = Math.hypot(dx, dy);
                if (d < edge + 1) {
                    double soft = Math.min(1, edge + 1 - d);
                    pixels[y * width + x] += (float) (amplitude * soft * (0.85 + 0.15 * (1 - d / (edge + 1))));
                    inside[y * width + x] = d < edge;
                }
            }
        }
        if (malignant) {
            drawSpicules(cx, cy, radius, amplitude * 0.7);
        }
        return new Mask(width, height, inside);
    }

    private void drawSpicules(int cx, int cy, double radius, double amplitude) {
        int count = 8 + random.nextInt(7);
        for (int s = 0; s < count; s++) {
            double theta = (s + random.nextDouble() * 0.6) * 2 * Math.PI / count;
            double length = radius * (1.7 + random.nextDouble() * 0.9);
            for (double t = radius * 0.6; t < length; t += 0.5) {
                int x = (int) Math.round(cx + t * Math.cos(theta));
                int y = (int) Math.round(cy + t * Math.sin(theta));
                double fade = 1 - (t - radius * 0.6) / (length - radius * 0.6);
                stamp(x, y, Math.max(1, scale * 1.2), amplitude * fade);
            }
        }
    }

    private Mask drawCalcifications(int cx, int cy, boolean malignant) {
        double spread = (24 + random.nextDouble() * 14) * scale;
        int count = malignant ? 14 + random.nextInt(12) : 3 + random.nextInt(4);
        for (int c = 0; c < count; c++) {
            double r = spread * (malignant ? 0.65 : 0.9) * Math.sqrt(random.nextDouble());
            double theta = random.nextDouble() * 2 * Math.PI;
            int x = (int) Math.round(cx + r * Math.cos(theta));
            int y = (int) Math.round(cy + r * Math.sin(theta));
            if (malignant) {
                drawFineCalcification(x, y);
            } else {
                stamp(x, y, (2.5 + random.nextDouble() * 2) * scale, 21000);
            }
        }
        boolean[] inside = new boolean[pixels.length];
        int reach = (int) Math.ceil(spread) + 1;
        for (int y = Math.max(0, cy - reach); y < Math.min(height, cy + reach); y++) {
            for (int x = Math.max(0, cx - reach); x < Math.min(width, cx + reach); x++) {
                inside[y * width + x] = Math.hypot(x - cx, y - cy) <= spread;
            }
        }
        return new Mask(width, height, inside);
    }

    /** A fine pleomorphic calcification: a dot, or a short linear or branching segment. */
    private void drawFineCalcification(int x, int y) {
        double size = (0.8 + random.nextDouble()) * scale;
        int branches = random.nextInt(3);
        stamp(x, y, size, 17000);
        for (int b = 0; b < branches; b++) {
            double theta = random.nextDouble() * 2 * Math.PI;
            double length = (3 + random.nextDouble() * 4) * scale;
            for (double t = 0; t < length; t += 0.5) {
                stamp((int) Math.round(x + t * Math.cos(theta)), (int) Math.round(y + t * Math.sin(theta)), size * 0.8,
                        15000);
            }
        }
    }

    /** Adds a soft disk of the given radius and height. */
    private void stamp(int cx, int cy, double radius, double amplitude) {
        int reach = (int) Math.ceil(radius) + 1;
        for (int y = Math.max(0, cy - reach); y < Math.min(height, cy + reach + 1); y++) {
            for (int x = Math.max(0, cx - reach); x < Math.min(width, cx + reach + 1); x++) {
                double d = Math.hypot(x - cx, y - cy);
                if (d <= radius + 0.5) {
                    float add = (float) (amplitude * Math.min(1, radius + 0.5 - d));
                    int i = y * width + x;
                    pixels[i] = Math.max(pixels[i], pixels[i] * 0.3f + add);
                }
            }
        }
    }

    /** A bright label with dark strokes, far from the breast, as scanners burn in. */
    private void drawMarker() {
        int markerWidth = width / 7;
        int markerHeight = Math.max(12, height / 28);
        int x0 = chestWallLeft ? width - markerWidth - width / 20 : width / 20;
        int y0 = height / 25;
        for (int y = y0; y < y0 + markerHeight; y++) {
            for (int x = x0; x < x0 + markerWidth; x++) {
                boolean stroke = ((x - x0) / Math.max(2, markerWidth / 12)) % 2 == 1 && y > y0 + 2
                        && y < y0 + markerHeight - 3;
                pixels[y * width + x] = stroke ? 2000 : 60000;
            }
        }
    }

    private int[] lesionCentre() {
        while (true) {
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            if (ellipseRadius(x, y) < 0.6 && depth(x) > 0.08 * width) {
                return new int[] { x, y };
            }
        }
    }

    /** Normalised distance from the breast's centre on the chest wall: below 1 is inside. */
    private double ellipseRadius(int x, int y) {
        double dx = depth(x) / (0.72 * width);
        double dy = (y - height / 2.0) / (0.46 * height);
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Distance from the chest wall. */
    private int depth(int x) {
        return chestWallLeft ? x : width - 1 - x;
    }

    private static double ellipse(double theta, double elongation) {
        double c = Math.cos(theta);
        double s = Math.sin(theta) / elongation;
        return 1 / Math.sqrt(c * c + s * s);
    }

    /** Smooth noise in [-1, 1]: a random grid of the given size, bilinearly interpolated. */
    private float[] noise(int gridX, int gridY) {
        float[] grid = new float[(gridX + 1) * (gridY + 1)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double gy = y * gridY / (double) height;
            int y0 = (int) gy;
            double fy = gy - y0;
            for (int x = 0; x < width; x++) {
                double gx = x * gridX / (double) width;
                int x0 = (int) gx;
                double fx = gx - x0;
                int i = y0 * (gridX + 1) + x0;
                double top = grid[i] * (1 - fx) + grid[i + 1] * fx;
                double bottom = grid[i + gridX + 1] * (1 - fx) + grid[i + gridX + 2] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** Draws {@code count} lesions: those of one image are of one type and share their pathology. */
    List<Lesion> drawLesions(LesionType type, Pathology pathology, int count) {
        List<Lesion> lesions = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            lesions.add(drawLesion(type, pathology));
        }
        return lesions;
    }
}
