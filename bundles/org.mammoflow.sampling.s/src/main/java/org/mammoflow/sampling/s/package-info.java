/** Sampling strategy S; private: it is used as an org.mammoflow.api.sampling.PatchSampler service. */
package org.mammoflow.sampling.s;
