/** Whole-image heads that turn a trained patch network into an image classifier. */
@Export
@Version("2.0.0")
package org.mammoflow.api.head;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
