package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/settings.md is generated from the Metatype descriptions of Mammoflow's bundles (their
 * OSGI-INF/metatype): this test fails when the file and the bundles disagree, and with
 * {@code -Dsettings.write=true} it writes the file instead.
 */
class SettingsDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "settings.md");

    @Test
    void docsSettingsMatchesTheBundlesMetatype() throws Exception {
        String generated = render(descriptions());
        if (Boolean.getBoolean("settings.write")) {
            Files.writeString(DOCUMENT, generated);
        }
        assertTrue(generated.contains("org.mammoflow.pacs.server"), "the PACS servers are among them");
        assertEquals(generated, Files.readString(DOCUMENT), "docs/settings.md is out of date: run mvn -pl runtime test "
                + "-Dtest=SettingsDocumentTest -Dsettings.write=true");
    }

    /** Each bundle's metatype XML, by PID (or factory PID). */
    private static Map<String, Element> descriptions() throws Exception {
        Map<String, Element> byPid = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!path.getFileName().toString().startsWith("org.mammoflow.") && !path.toString().contains("org.mammoflow.")) {
                continue;
            }
            for (byte[] xml : metatypes(path)) {
                Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(xml));
                Element designate = (Element) document.getElementsByTagName("Designate").item(0);
                String pid = designate.getAttribute("pid").isEmpty() ? designate.getAttribute("factoryPid") + " (factory)"
                        : designate.getAttribute("pid");
                byPid.put(pid, (Element) document.getElementsByTagName("OCD").item(0));
            }
        }
        return byPid;
    }

    private static List<byte[]> metatypes(Path classpathEntry) throws IOException {
        List<byte[]> xmls = new ArrayList<>();
        if (Files.isDirectory(classpathEntry)) {
            Path folder = classpathEntry.resolve("OSGI-INF/metatype");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                        xmls.add(Files.readAllBytes(file));
                    }
                }
            }
        } else if (classpathEntry.toString().endsWith(".jar")) {
            try (ZipFile jar = new ZipFile(classpathEntry.toFile())) {
                for (ZipEntry entry : jar.stream().filter(e -> e.getName().startsWith("OSGI-INF/metatype/")
                        && e.getName().endsWith(".xml")).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        xmls.add(in.readAllBytes());
                    }
                }
            }
        }
        return xmls;
    }

    private static String render(Map<String, Element> byPid) {
        StringBuilder md = new StringBuilder("""
                # Settings

                Every setting of Mammoflow's bundles, generated from their Metatype descriptions (the test
                `SettingsDocumentTest` fails when this file and the bundles disagree; `mvn -pl runtime test
                -Dtest=SettingsDocumentTest -Dsettings.write=true` writes it again). Change one with
                `mammo:config PID KEY VALUE` in the console, or in a file `load/PID.cfg` (`KEY = VALUE` lines);
                a factory configuration (one per server, say) is a file `load/PID-NAME.cfg`. A value outside
                its range is refused and named, and the component keeps its default.
                """);
        byPid.forEach((pid, ocd) -> {
            md.append("\n## ").append(pid).append("\n\n").append(ocd.getAttribute("name")).append(": ")
                    .append(ocd.getAttribute("description")).append("\n\n");
            md.append("| setting | type | default | range | description |\n| --- | --- | --- | --- | --- |\n");
            NodeList ads = ocd.getElementsByTagName("AD");
            for (int i = 0; i < ads.getLength(); i++) {
                Element ad = (Element) ads.item(i);
                String range = ad.getAttribute("min").isEmpty() && ad.getAttribute("max").isEmpty() ? ""
                        : ad.getAttribute("min") + " to " + ad.getAttribute("max");
                String value = !ad.hasAttribute("default") ? "(required)"
                        : ad.getAttribute("default").isEmpty() ? "(empty)" : "`" + ad.getAttribute("default") + "`";
                md.append("| `").append(ad.getAttribute("id")).append("` | ").append(ad.getAttribute("type"))
                        .append(" | ").append(value)
                        .append(" | ").append(range).append(" | ")
                        .append(ad.getAttribute("description").replace("|", "\\|")).append(" |\n");
            }
        });
        return md.toString();
    }
}
