package org.mammoflow.djl;

import java.util.ArrayList;
import java.util.List;

import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.Layer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A head's layers in a checkpoint's sidecar, so that a whole-image checkpoint opens without the
 * bundle of the head that described it.
 */
final class HeadJson {

    private HeadJson() {
    }

    static JsonObject write(HeadLayers head) {
        JsonObject json = new JsonObject();
        json.addProperty("name", head.name());
        json.addProperty("dropout", head.dropout());
        JsonArray blocks = new JsonArray();
        for (Layer layer : head.blocks()) {
            blocks.add(json(layer));
        }
        json.add("blocks", blocks);
        return json;
    }

    static HeadLayers read(JsonObject json) {
        List<Layer> blocks = new ArrayList<>();
        for (var element : json.getAsJsonArray("blocks")) {
            blocks.add(layer(element.getAsJsonObject()));
        }
        return new HeadLayers(json.get("name").getAsString(), blocks, json.get("dropout").getAsDouble());
    }

    private static JsonObject json(Layer layer) {
        JsonObject json = new JsonObject();
        json.addProperty("name", layer.name());
        json.addProperty("in", layer.in());
        json.addProperty("out", layer.out());
        if (layer instanceof Layer.Bottleneck b) {
            json.addProperty("type", "bottleneck");
            json.addProperty("width", b.width());
            json.addProperty("stride", b.stride());
            json.addProperty("startsAsShortcut", b.startsAsShortcut());
        } else if (layer instanceof Layer.Basic b) {
            json.addProperty("type", "basic");
            json.addProperty("stride", b.stride());
            json.addProperty("startsAsShortcut", b.startsAsShortcut());
        } else if (layer instanceof Layer.ConvBlock c) {
            json.addProperty("type", "conv");
            json.addProperty("kernel", c.kernel());
            json.addProperty("pool", c.pool());
        }
        return json;
    }

    private static Layer layer(JsonObject json) {
        String name = json.get("name").getAsString();
        int in = json.get("in").getAsInt();
        int out = json.get("out").getAsInt();
        String type = json.get("type").getAsString();
        return switch (type) {
            case "bottleneck" -> new Layer.Bottleneck(name, in, json.get("width").getAsInt(), out,
                    json.get("stride").getAsInt(), json.get("startsAsShortcut").getAsBoolean());
            case "basic" -> new Layer.Basic(name, in, out, json.get("stride").getAsInt(),
                    json.get("startsAsShortcut").getAsBoolean());
            case "conv" -> new Layer.ConvBlock(name, in, out, json.get("kernel").getAsInt(),
                    json.get("pool").getAsBoolean());
            default -> throw new IllegalArgumentException("unknown block type " + type + " in " + name);
        };
    }
}
