/** Tests that run inside a real Felix framework with the Mammoflow bundles. */
package org.mammoflow.integration;
