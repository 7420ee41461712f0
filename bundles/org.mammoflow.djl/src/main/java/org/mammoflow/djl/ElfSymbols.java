package org.mammoflow.djl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Symbols from the full symbol table ({@code .symtab}) of a 64-bit little-endian ELF shared library:
 * where libtorch keeps the names of functions and objects it does not export; and the build id the
 * linker wrote into it, which names that exact build. Only these sections are mapped, never the code.
 */
final class ElfSymbols {

    /** A symbol's address relative to where the library is loaded, and its size in bytes. */
    record Symbol(long value, long size) {
    }

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_NOTE = 7;
    private static final int NT_GNU_BUILD_ID = 3;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int SYMBOL_SIZE = 24;

    private ElfSymbols() {
    }

    /** The library's GNU build id as hexadecimal digits; empty if it has none. */
    static String buildId(Path library) throws IOException {
        try (FileChannel file = FileChannel.open(library, StandardOpenOption.READ)) {
            ByteBuffer table = sectionHeaders(file, library);
            for (int at = 0; at < table.limit(); at += SECTION_HEADER_SIZE) {
                if (table.getInt(at + 4) == SHT_NOTE) {
                    String id = buildId(map(file, table.getLong(at + 24), table.getLong(at + 32)));
                    if (!id.isEmpty()) {
                        return id;
                    }
                }
            }
        }
        return "";
    }

    /** The build id among the notes of one section: each a name size, description size, type, then both padded to 4. */
    private static String buildId(ByteBuffer notes) {
        int at = 0;
        while (at + 12 <= notes.limit()) {
            int nameSize = notes.getInt(at);
            int descriptionSize = notes.getInt(at + 4);
            int type = notes.getInt(at + 8);
            int description = at + 12 + align4(nameSize);
            if (nameSize < 0 || descriptionSize < 0 || description + (long) descriptionSize > notes.limit()) {
                return "";
            }
            if (type == NT_GNU_BUILD_ID && nameSize == 4 && notes.getInt(at + 12) == 0x00554e47) { // "GNU\0"
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < descriptionSize; i++) {
                    hex.append(String.format("%02x", notes.get(description + i)));
                }
                return hex.toString();
            }
            at = description + align4(descriptionSize);
        }
        return "";
    }

    private static int align4(int size) {
        return (size + 3) & ~3;
    }

    /** The named symbols found in the library's .symtab; names it lacks (or a library without one) are left out. */
    static Map<String, Symbol> find(Path library, Set<String> names) throws IOException {
        Map<String, Symbol> found = new HashMap<>();
        try (FileChannel file = FileChannel.open(library, StandardOpenOption.READ)) {
            ByteBuffer table = sectionHeaders(file, library);
            for (int at = 0; at < table.limit(); at += SECTION_HEADER_SIZE) {
                if (table.getInt(at + 4) == SHT_SYMTAB) {
                    int strings = table.getInt(at + 40); // sh_link: the section holding the names
                    int stringsAt = strings * SECTION_HEADER_SIZE;
                    ByteBuffer symbols = map(file, table.getLong(at + 24), table.getLong(at + 32));
                    ByteBuffer text = map(file, table.getLong(stringsAt + 24), table.getLong(stringsAt + 32));
                    collect(symbols, text, names, found);
                }
            }
        }
        return found;
    }

    /** The table of section headers. */
    private static ByteBuffer sectionHeaders(FileChannel file, Path library) throws IOException {
        ByteBuffer header = map(file, 0, 64);
        if (header.getInt(0) != 0x464c457f || header.get(4) != 2 || header.get(5) != 1) {
            throw new IOException(library + " is not a 64-bit little-endian ELF file");
        }
        long sectionHeaders = header.getLong(0x28);
        int sections = Short.toUnsignedInt(header.getShort(0x3C));
        return map(file, sectionHeaders, (long) sections * SECTION_HEADER_SIZE);
    }

    private static void collect(ByteBuffer symbols, ByteBuffer text, Set<String> names, Map<String, Symbol> found) {
        Map<ByteBuffer, String> wanted = new HashMap<>();
        for (String name : names) {
            wanted.put(ByteBuffer.wrap(name.getBytes(StandardCharsets.US_ASCII)), name);
        }
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        for (int at = 0; at + SYMBOL_SIZE <= symbols.limit() && found.size() < names.size(); at += SYMBOL_SIZE) {
            int start = symbols.getInt(at);
            int end = start;
            while (end < text.limit() && end - start <= longest && text.get(end) != 0) {
                end++;
            }
            String name = end - start <= longest ? wanted.get(text.slice(start, end - start)) : null;
            if (name != null) {
                found.put(name, new Symbol(symbols.getLong(at + 8), symbols.getLong(at + 16)));
            }
        }
    }

    private static ByteBuffer map(FileChannel file, long position, long size) throws IOException {
        if (position < 0 || size < 0 || size > Integer.MAX_VALUE || position + size > file.size()) {
            throw new IOException("an ELF section lies outside the file (" + position + " + " + size + " bytes)");
        }
        return file.map(FileChannel.MapMode.READ_ONLY, position, size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
