/**
 * The {@code mammo} gogo commands. Private: commands are found by the shell through their
 * {@code osgi.command.*} service properties, never imported.
 */
package org.mammoflow.shell;
