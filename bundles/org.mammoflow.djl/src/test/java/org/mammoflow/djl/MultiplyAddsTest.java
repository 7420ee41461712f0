package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.NetworkSpec;

class MultiplyAddsTest {

    @Test
    void resnetsCountWhatTorchvisionPublishes() {
        // torchvision's model cards: ResNet50 4.09 and ResNet18 1.81 GFLOPS (multiply-adds) at 224 x 224
        assertEquals(4.09e9, MultiplyAdds.forward(new NetworkSpec("resnet50", 1000, 224, 224)), 0.01e9);
        assertEquals(1.81e9, MultiplyAdds.forward(new NetworkSpec("resnet18", 1000, 224, 224)), 0.01e9);
    }

    @Test
    void theWholeImageNetworkCountsItsHead() {
        NetworkSpec backbone = new NetworkSpec("resnet50", 2, 1152, 896);
        NetworkSpec whole = new NetworkSpec("resnet50+resnet-head", 2, 1152, 896);
        long head = MultiplyAdds.forward(whole) - MultiplyAdds.forward(backbone);
        // 36 x 28 maps: two blocks of two bottlenecks [512-512-1024], the first of each strided
        long first = 36L * 28 * 2048 * 512 + 18L * 14 * (9 * 512 * 512 + 512 * 1024 + 2048 * 1024)
                + 18L * 14 * (1024 * 512 + 9 * 512 * 512 + 512 * 1024);
        long second = 18L * 14 * 1024 * 512 + 9L * 7 * (9 * 512 * 512 + 512 * 1024 + 1024 * 1024)
                + 9L * 7 * (1024 * 512 + 9 * 512 * 512 + 512 * 1024);
        long fc = 1024 * 2 - 2048 * 2; // the head's fc takes 1024 features, ResNet50's 2048
        assertEquals(first + second + fc, head);
    }
}
