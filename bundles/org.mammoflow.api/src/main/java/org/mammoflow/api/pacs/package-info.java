/**
 * Screening studies in a PACS over DICOMweb: find mammography studies, predict on their images and
 * store the result back into each study, once, or watching for new studies.
 */
@Export
@Version("1.0.0")
package org.mammoflow.api.pacs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
