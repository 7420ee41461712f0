/**
 * The file mechanics every Mammoflow bundle shares, in one place: atomic writes with a user's
 * permissions (files and whole folders), CSV tables, settings files, safe file names, SHA-256 digests, and the dataset jobs' parallel loop over
 * images ({@link org.mammoflow.files.InOrder}).
 */
@Export
@Version("1.4.0")
package org.mammoflow.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
