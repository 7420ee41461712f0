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

    @AttributeDefinition(description = "true: keep the memory libtorch frees for its next tensors, so that a training"
            + " step does not fault its tensors in afresh (patch training about 1.6x faster); false: hand large blocks"
            + " back to the system as they are freed (the whole-image pass at 1152 x 896 peaks at 2.7 GiB instead of"
            + " 3.7-4.1, and runs about 1.3x slower). glibc (Linux) only, for the whole JVM; best set before the runtime"
            + " starts, since blocks kept earlier are reused before new ones are mapped.")
    boolean keepFreedMemory() default true;
}
