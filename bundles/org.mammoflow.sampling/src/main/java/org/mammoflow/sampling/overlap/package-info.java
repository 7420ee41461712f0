/** ROI overlap geometry and the paper's patch acceptance rules, shared by the sampling strategies. */
@Export
@Version("1.0.0")
package org.mammoflow.sampling.overlap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
