/** Staged training schedules run as cancellable jobs. */
@Export
@Version("1.6.0")
package org.mammoflow.api.training;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
