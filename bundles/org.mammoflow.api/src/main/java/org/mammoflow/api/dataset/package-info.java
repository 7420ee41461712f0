/** Datasets of mammograms with their abnormalities, splits and importers. */
@Export
@Version("1.3.0")
package org.mammoflow.api.dataset;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
