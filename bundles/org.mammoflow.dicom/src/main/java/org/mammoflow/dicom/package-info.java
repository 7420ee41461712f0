/** DICOM files as Mammoflow images: a private implementation of {@link org.mammoflow.api.image.ImageFormat}. */
package org.mammoflow.dicom;
