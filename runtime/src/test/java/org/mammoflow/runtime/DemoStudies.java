package org.mammoflow.runtime;

import java.awt.image.Raster;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.imageio.ImageIO;

import org.mammoflow.dicom.DataSet;

/**
 * The demo's synthetic mammograms as a modality would send them to a PACS: Digital Mammography X-Ray
 * Images For Presentation (Modality MG), one study per patient, one series per image, with patient,
 * laterality and view as DICOM attributes, written with Mammoflow's own DICOM writer.
 */
final class DemoStudies {

    static final String MAMMOGRAPHY_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2";

    /** A study: its UID and its images' files. */
    record Study(String uid, String patient, List<Path> files) {
    }

    private DemoStudies() {
    }

    /**
     * The full mammograms of the demo's raw dataset.csv (CBIS-DDSM names: Calc-Test_P_00007_LEFT_MLO), of
     * the first {@code patients} patients of the split, each patient a study.
     */
    static List<Study> write(Path raw, String split, int patients, Path folder) throws IOException {
        Map<String, Map<String, Path>> imagesByPatient = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(raw.resolve("dataset.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[header.indexOf("split")].equals(split)) {
                imagesByPatient.computeIfAbsent(f[header.indexOf("patient")], p -> new LinkedHashMap<>())
                        .putIfAbsent(f[header.indexOf("image_id")], raw.resolve(f[header.indexOf("image")]));
            }
        }
        List<Study> studies = new ArrayList<>();
        for (Map.Entry<String, Map<String, Path>> patient : imagesByPatient.entrySet()) {
            if (studies.size() == patients) {
                break;
            }
            String study = uid();
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, Path> image : patient.getValue().entrySet()) {
                String[] name = image.getKey().split("_"); // Calc-Test, P, 00007, LEFT, MLO
                Path file = folder.resolve(patient.getKey() + "-" + name[3] + "-" + name[4] + ".dcm");
                mammogram(image.getValue(), file, patient.getKey(), study, name[3].substring(0, 1), name[4], d -> d);
                files.add(file);
            }
            studies.add(new Study(study, patient.getKey(), files));
        }
        return studies;
    }

    /** One MG image for presentation from a 16- or 8-bit gray PNG; {@code more} changes or adds attributes. */
    static Path mammogram(Path png, Path file, String patient, String study, String laterality, String view,
            UnaryOperator<DataSet> more) throws IOException {
        Raster raster = ImageIO.read(png.toFile()).getRaster();
        int bits = raster.getSampleModel().getSampleSize(0);
        int width = raster.getWidth();
        int height = raster.getHeight();
        ByteBuffer pixels = ByteBuffer.allocate(width * height * 2).order(ByteOrder.LITTLE_ENDIAN);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int sample : row) {
                pixels.putShort((short) sample);
            }
        }
        DataSet image = new DataSet().text(0x00080005, "CS", "ISO_IR 192")
                .text(0x00080016, "UI", MAMMOGRAPHY_FOR_PRESENTATION).text(0x00080018, "UI", uid())
                .text(0x00080020, "DA", "20261201").text(0x00080030, "TM", "090000").text(0x00080050, "SH", "A" + patient)
                .text(0x00080060, "CS", "MG").text(0x00080068, "CS", "FOR PRESENTATION").text(0x00080090, "PN", "")
                .text(0x00100010, "PN", "Demo^" + patient).text(0x00100020, "LO", patient).text(0x00100030, "DA", "")
                .text(0x00100040, "CS", "F").text(0x00185101, "CS", view)
                .text(0x0020000D, "UI", study).text(0x0020000E, "UI", uid()).text(0x00200010, "SH", "1")
                .text(0x00200011, "IS", "1").text(0x00200013, "IS", "1").text(0x00200020, "CS", laterality.equals("L") ? "A\\R" : "P\\L")
                .text(0x00200062, "CS", laterality)
                .unsignedShorts(0x00280002, 1).text(0x00280004, "CS", "MONOCHROME2")
                .unsignedShorts(0x00280010, height).unsignedShorts(0x00280011, width)
                .unsignedShorts(0x00280100, 16).unsignedShorts(0x00280101, bits).unsignedShorts(0x00280102, bits - 1)
                .unsignedShorts(0x00280103, 0).bytes(0x7FE00010, "OW", pixels.array());
        more.apply(image).write(file);
        return file;
    }

    static String uid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
