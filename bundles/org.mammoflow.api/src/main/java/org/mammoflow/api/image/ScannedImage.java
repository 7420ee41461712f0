package org.mammoflow.api.image;

import java.util.Objects;

/** An image as read from a file in some {@link ImageFormat}, with what the file says of it. */
public record ScannedImage(GrayImage image, ImageAttributes attributes) {

    public ScannedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(attributes, "attributes");
    }
}
