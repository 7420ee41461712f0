/** The patch sampling job; private: other bundles use org.mammoflow.api.sampling.PatchSampling. */
package org.mammoflow.sampling;
