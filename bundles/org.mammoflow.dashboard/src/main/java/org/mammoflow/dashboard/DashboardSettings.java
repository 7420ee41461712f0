package org.mammoflow.dashboard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The dashboard's settings (PID {@value #PID}); the address and port are Felix HTTP's ({@code org.apache.felix.http}). */
@ObjectClassDefinition(name = "Mammoflow dashboard", description = "The web dashboard at /mammoflow and the login "
        + "of its actions and of the Web Console")
public @interface DashboardSettings {

    String PID = "org.mammoflow.dashboard";

    @AttributeDefinition(name = "User", description = "User name for every action that changes something and for "
            + "the Web Console; empty: nobody may log in")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "That user's password, "
            + "plain or as {sha-256} followed by its hex digest; empty: nobody may log in")
    String password() default "";

    @AttributeDefinition(name = "Runs folder", description = "Folder whose training runs (folders holding "
            + "run.properties, up to 3 levels down) the dashboard lists; no other file is served")
    String runsFolder() default ".";

    @AttributeDefinition(name = "Work folder", description = "Folder that uploaded mammograms (removed once "
            + "predicted) and their heatmaps stay in")
    String workFolder() default "work/dashboard";

    @AttributeDefinition(name = "Upload limit", min = "1", max = "1024", description = "Largest mammogram "
            + "accepted for prediction, in megabytes; 1 to 1024")
    int uploadLimitMegabytes() default 100;

    @AttributeDefinition(name = "Heatmap stride", min = "8", max = "512", description = "Step of the heatmap's "
            + "sliding patch window in pixels; 8 to 512")
    int heatmapStride() default 32;
}
