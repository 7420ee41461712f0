/**
 * How images and labelled data folders become network input, shared by inference and training:
 * the pixel normalisation every network expects and the examples of a data folder by split.
 */
@Export
@Version("1.1.0")
package org.mammoflow.inference.input;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
