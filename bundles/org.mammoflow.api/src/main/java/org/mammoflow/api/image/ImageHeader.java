package org.mammoflow.api.image;

/** What an image file's header says, read without decoding its pixels. */
public record ImageHeader(int width, int height, int bitsPerPixel, boolean grayscale) {
}
