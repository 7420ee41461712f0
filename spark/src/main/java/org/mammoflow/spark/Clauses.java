package org.mammoflow.spark;

import java.util.ArrayList;
import java.util.List;

/** The clauses of an OSGi manifest header such as Export-Package, split at commas outside quotes. */
final class Clauses {

    private Clauses() {
    }

    static List<String> split(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().strip());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        if (!clause.isEmpty()) {
            clauses.add(clause.toString().strip());
        }
        return clauses;
    }

    /** The clause without its {@code uses:=} directive (the system bundle states no uses). */
    static String withoutUses(String clause) {
        return clause.replaceAll(";\\s*uses:=(\"[^\"]*\"|[^;]*)", "");
    }
}
