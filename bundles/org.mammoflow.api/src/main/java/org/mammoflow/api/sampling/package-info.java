/** Patch sampling: labelled 224 x 224 patches cut from mammograms around their ROIs. */
@Export
@Version("1.1.0")
package org.mammoflow.api.sampling;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
