package org.mammoflow.api.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The layers a whole-image head puts on a patch network's last block: its blocks, then global
 * average pooling, dropout and a fresh {@code fc} for the classes.
 *
 * @param name the head's name in the network's architecture ({@code resnet18+NAME})
 */
public record HeadLayers(String name, List<Layer> blocks, double dropout) {

    public HeadLayers {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a head name is lower-case letters, digits and '-', got '" + name + "'");
        }
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("head " + name + " has no blocks");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        Chain.requireChained("head " + name, blocks);
    }

    /** Channels into the fc. */
    public int out() {
        return blocks.get(blocks.size() - 1).out();
    }

    /** The name prefixes of every layer the head adds, {@code fc} included: what whole-image stage 1 trains. */
    public List<String> newLayers() {
        Set<String> prefixes = new LinkedHashSet<>();
        for (Layer block : blocks) {
            prefixes.add(block.name().split("\\.")[0]);
        }
        List<String> layers = new ArrayList<>(prefixes);
        layers.add("fc");
        return layers;
    }
}
