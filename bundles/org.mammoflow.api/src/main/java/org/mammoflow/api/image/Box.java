package org.mammoflow.api.image;

/** An axis-aligned rectangle in pixels: top-left corner ({@code x}, {@code y}) and size. */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("box size must be positive: " + width + " x " + height);
        }
    }

    /** A square of side {@code size} centred on ({@code cx}, {@code cy}). */
    public static Box centredSquare(int cx, int cy, int size) {
        return new Box(cx - size / 2, cy - size / 2, size, size);
    }

    public int area() {
        return width * height;
    }

    public boolean inside(int imageWidth, int imageHeight) {
        return x >= 0 && y >= 0 && x + width <= imageWidth && y + height <= imageHeight;
    }
}
