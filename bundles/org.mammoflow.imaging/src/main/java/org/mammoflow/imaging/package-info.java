/** PNG files and preprocessing; private: other bundles use the services of org.mammoflow.api.image. */
package org.mammoflow.imaging;
