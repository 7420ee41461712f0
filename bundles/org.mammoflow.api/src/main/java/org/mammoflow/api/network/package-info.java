/** Neural networks (ResNet50 and heads) built, trained and saved by a backend. */
@Export
@Version("1.6.0")
package org.mammoflow.api.network;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
