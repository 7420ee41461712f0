/** RFC 4180 CSV tables: read with line numbers and named columns, written atomically. */
@Export
@Version("1.0.0")
package org.mammoflow.dataset.csv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
