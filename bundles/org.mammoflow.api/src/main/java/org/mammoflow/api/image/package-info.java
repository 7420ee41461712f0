/** Mammograms, ROI masks and the preprocessing contract. */
@Export
@Version("1.5.0")
package org.mammoflow.api.image;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
