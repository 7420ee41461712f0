/** Dataset formats, splits and synthesis; private: other bundles use org.mammoflow.api.dataset. */
package org.mammoflow.dataset;
