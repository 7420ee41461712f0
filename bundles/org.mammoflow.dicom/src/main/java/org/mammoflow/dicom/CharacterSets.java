package org.mammoflow.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Specific Character Set (0008,0005) terms as Java charsets (PS3.3 C.12.1.1.2). A data set names its
 * repertoire there; text without one is the default repertoire, read as ISO 8859-1 so that no byte
 * is lost. Code extensions (ISO 2022) are honoured for Japanese, which Java decodes with its escapes.
 */
final class CharacterSets {

    private static final Map<String, String> CHARSETS = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO_IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO_IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO_IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO_IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO_IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO_IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"),
            Map.entry("ISO 2022 IR 87", "ISO-2022-JP"), Map.entry("ISO 2022 IR 159", "ISO-2022-JP"),
            Map.entry("ISO 2022 IR 13", "ISO-2022-JP"));

    private CharacterSets() {
    }

    /**
     * The charset of a Specific Character Set value: the first term Java knows, the extensions after
     * the first one first (they carry the non-ASCII text); ISO 8859-1 when none is named or known.
     */
    static Charset of(String specificCharacterSet) {
        String[] terms = specificCharacterSet.split("\\\\");
        for (int i = terms.length - 1; i >= 0; i--) {
            String name = CHARSETS.get(singleByteTerm(terms[i].strip().toUpperCase(Locale.ROOT)));
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    /** {@code ISO 2022 IR 100} is ISO_IR 100 with code extensions: the same repertoire. */
    private static String singleByteTerm(String term) {
        return term.startsWith("ISO 2022 IR ") && !CHARSETS.containsKey(term)
                ? "ISO_IR " + term.substring("ISO 2022 IR ".length()) : term;
    }
}
