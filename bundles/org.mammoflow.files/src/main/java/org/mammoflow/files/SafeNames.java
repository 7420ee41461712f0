package org.mammoflow.files;

/** File names made from identifiers (image ids, patient ids) that any file system takes. */
public final class SafeNames {

    private SafeNames() {
    }

    /** Letters, digits, '.', '_' and '-' kept; anything else becomes '_'; never empty, never "." or "..". */
    public static String of(String id) {
        String name = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "_" + name : name;
    }
}
