package org.mammoflow.djl;

import java.util.HashMap;
import java.util.Map;

/** Linux's description of the CPU, /proc/cpuinfo. */
final class CpuInfo {

    private CpuInfo() {
    }

    /** The first processor's fields ("flags", "cpu family", "model", ...) by name, from the file's text. */
    static Map<String, String> firstProcessor(String cpuInfo) {
        Map<String, String> fields = new HashMap<>();
        cpuInfo.lines().takeWhile(line -> !line.isBlank()).filter(line -> line.indexOf(':') > 0).forEach(line -> {
            int colon = line.indexOf(':');
            fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        });
        return fields;
    }
}
