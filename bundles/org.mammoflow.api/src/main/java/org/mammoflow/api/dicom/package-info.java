/**
 * DICOM objects as a PACS and a reading workstation see them: the study and image identities a
 * result must repeat, and screening results written as DICOM Structured Reports.
 */
@Export
@Version("1.0.0")
package org.mammoflow.api.dicom;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
