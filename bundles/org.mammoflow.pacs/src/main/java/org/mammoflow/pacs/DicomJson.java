package org.mammoflow.pacs;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reading attributes of the DICOM JSON model (PS3.18 F.2): {"0020000D": {"vr": "UI", "Value": [...]}}. */
final class DicomJson {

    private DicomJson() {
    }

    /** The first value of an attribute as text (a person name's alphabetic group); empty when absent. */
    static String string(JsonObject dataSet, String tag) {
        JsonArray values = values(dataSet, tag);
        if (values == null || values.isEmpty() || values.get(0).isJsonNull()) {
            return "";
        }
        JsonElement first = values.get(0);
        if (first.isJsonObject()) {
            JsonElement alphabetic = first.getAsJsonObject().get("Alphabetic");
            return alphabetic == null ? "" : alphabetic.getAsString();
        }
        return first.getAsString();
    }

    /** Every value of an attribute as text, joined by backslashes (as DICOM shows multiple values). */
    static String strings(JsonObject dataSet, String tag) {
        JsonArray values = values(dataSet, tag);
        List<String> texts = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> texts.add(v.isJsonPrimitive() ? v.getAsString() : ""));
        }
        return String.join("\\", texts);
    }

    /** The items of a sequence attribute; empty when absent. */
    static List<JsonObject> items(JsonObject dataSet, String tag) {
        JsonArray values = values(dataSet, tag);
        List<JsonObject> items = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> items.add(v.getAsJsonObject()));
        }
        return items;
    }

    private static JsonArray values(JsonObject dataSet, String tag) {
        JsonElement attribute = dataSet.get(tag);
        if (attribute == null || !attribute.isJsonObject()) {
            return null;
        }
        JsonElement value = attribute.getAsJsonObject().get("Value");
        return value != null && value.isJsonArray() ? value.getAsJsonArray() : null;
    }
}
