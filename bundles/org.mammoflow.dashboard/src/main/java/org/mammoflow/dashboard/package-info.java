/**
 * The web dashboard: servlets on the OSGi Servlet whiteboard under /mammoflow that adapt the pipeline's
 * services to HTTP (each request parses, makes one service call and formats), the page they serve,
 * and the login shared with the Apache Felix Web Console.
 */
package org.mammoflow.dashboard;
