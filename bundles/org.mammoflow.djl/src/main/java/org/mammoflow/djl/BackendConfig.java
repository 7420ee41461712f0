package org.mammoflow.djl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mammoflow ResNet backend (DJL, PyTorch engine)",
        description = "Where ResNet networks compute, and how libtorch is loaded.")
public @interface BackendConfig {

    @AttributeDefinition(description = "auto (CUDA GPU 0 when CUDA natives and a GPU are present, else the CPU),"
            + " cpu, gpu, or gpu:N")
    String device() default "auto";

    @AttributeDefinition(description = "Folder libtorch is unpacked into on first use (about 430 MB); empty means"
            + " $DJL_CACHE_DIR or ~/.djl.ai. Read once per JVM.")
    String cacheDir() default "";

    @AttributeDefinition(description = "libtorch threads per operation; 0 means one per core; 0 to 256", min = "0", max = "256")
    int threads() default 0;
}
