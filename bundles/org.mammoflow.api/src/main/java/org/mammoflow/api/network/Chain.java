package org.mammoflow.api.network;

import java.util.List;

/** The one check that a list of blocks fits together: each takes the channels the one before gives. */
final class Chain {

    private Chain() {
    }

    static void requireChained(String owner, List<Layer> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            Layer block = blocks.get(i);
            Layer before = blocks.get(i - 1);
            if (block.in() != before.out()) {
                throw new IllegalArgumentException(owner + ": " + block.name() + " takes " + block.in() + " channels, "
                        + before.name() + " gives " + before.out());
            }
        }
    }
}
