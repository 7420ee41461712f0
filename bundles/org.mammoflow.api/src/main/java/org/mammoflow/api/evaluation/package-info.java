/** Metrics and reports computed from predictions. */
@Export
@Version("1.3.0")
package org.mammoflow.api.evaluation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
