package org.mammoflow.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.mammoflow.api.dataset.DatasetSynthesizer;
import org.mammoflow.api.dataset.SynthesisSpec;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.files.CsvTable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Writes a synthetic dataset laid out like CBIS-DDSM after DICOM-to-PNG conversion: the four CSVs
 * with both column spellings, series folders whose inner names differ from the CSV paths, and ROI
 * folders holding the mask and the crop in random order. One patient in four is a test patient.
 */
@Component
public class SyntheticMammograms implements DatasetSynthesizer {

    static final List<String> MASS_COLUMNS = List.of("patient_id", "breast_density", "left or right breast",
            "image view", "abnormality id", "abnormality type", "mass shape", "mass margins", "assessment",
            "pathology", "subtlety", "image file path", "cropped image file path", "ROI mask file path");
    static final List<String> CALC_COLUMNS = List.of("patient_id", "breast density", "left or right breast",
            "image view", "abnormality id", "abnormality type", "calc type", "calc distribution", "assessment",
            "pathology", "subtlety", "image file path", "cropped image file path", "ROI mask file path");

    private final ImageFiles files;

    @Activate
    public SyntheticMammograms(@Reference ImageFiles files) {
        this.files = files;
    }

    @Override
    public int write(Path root, SynthesisSpec spec) throws IOException {
        Map<String, List<List<String>>> csvRows = new TreeMap<>();
        for (String name : CbisDdsmImporter.CSV_FILES.keySet()) {
            csvRows.put(name, new ArrayList<>());
        }
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < spec.patients(); p++) {
            order.add(p);
        }
        Collections.shuffle(order, new Random(spec.seed()));
        int images = 0;
        for (int p = 0; p < spec.patients(); p++) {
            boolean test = order.indexOf(p) % 4 == 3;
            Random random = new Random(spec.seed() * 1_000_003L + p);
            String patient = String.format(Locale.ROOT, "P_%05d", p + 1);
            String side = random.nextBoolean() ? "LEFT" : "RIGHT";
            List<String> views = random.nextInt(3) == 0 ? List.of("CC", "MLO") : List.of(random.nextBoolean() ? "CC" : "MLO");
            for (String view : views) {
                writeImage(root, spec, random, patient, side, view, test, csvRows);
                images++;
            }
        }
        for (Map.Entry<String, List<List<String>>> csv : csvRows.entrySet()) {
            CsvTable.write(root.resolve(csv.getKey()), csv.getKey().startsWith("mass") ? MASS_COLUMNS : CALC_COLUMNS,
                    csv.getValue());
        }
        return images;
    }

    private void writeImage(Path root, SynthesisSpec spec, Random random, String patient, String side, String view,
            boolean test, Map<String, List<List<String>>> csvRows) throws IOException {
        LesionType type = random.nextBoolean() ? LesionType.MASS : LesionType.CALCIFICATION;
        Pathology pathology = random.nextBoolean() ? Pathology.MALIGNANT : Pathology.BENIGN;
        Phantom phantom = new Phantom(spec.width(), spec.height(), side.equals("LEFT"), random);
        phantom.drawAnatomy(view.equals("MLO"));
        List<Phantom.Lesion> lesions = phantom.drawLesions(type, pathology, random.nextInt(4) == 0 ? 2 : 1);
        GrayImage image = phantom.image();

        String kind = type == LesionType.MASS ? "Mass" : "Calc";
        String series = kind + (test ? "-Test_" : "-Training_") + patient + "_" + side + "_" + view;
        Path disk = root.resolve("CBIS-DDSM").resolve(series).resolve(uid(random)).resolve(uid(random));
        files.write(disk.resolve("1-1.png"), image);
        String imagePath = series + "/" + uid(random) + "/" + uid(random) + "/000000.dcm";

        String csv = (type == LesionType.MASS ? "mass" : "calc") + "_case_description_" + (test ? "test" : "train")
                + "_set.csv";
        for (int k = 0; k < lesions.size(); k++) {
            Phantom.Lesion lesion = lesions.get(k);
            String roiSeries = series + "_" + (k + 1);
            String roiPath = roiSeries + "/" + uid(random) + "/" + uid(random);
            writeRoi(root.resolve("CBIS-DDSM").resolve(roiSeries).resolve(uid(random)).resolve(uid(random)), image,
                    lesion.mask(), random);
            csvRows.get(csv).add(row(random, patient, side, view, k + 1, lesion, imagePath, roiPath + "/000000.dcm",
                    roiPath + "/000001.dcm"));
        }
    }

    /** The mask and the cropped lesion, named 1-1/1-2 in random order as in the real download. */
    private void writeRoi(Path folder, GrayImage image, Mask mask, Random random) throws IOException {
        boolean maskFirst = random.nextBoolean();
        files.writeMask(folder.resolve(maskFirst ? "1-1.png" : "1-2.png"), mask);
        files.write(folder.resolve(maskFirst ? "1-2.png" : "1-1.png"), crop(image, mask));
    }

    private static List<String> row(Random random, String patient, String side, String view, int id,
            Phantom.Lesion lesion, String image, String crop, String mask) {
        boolean malignant = lesion.pathology() == Pathology.MALIGNANT;
        String pathology = malignant ? "MALIGNANT" : random.nextInt(3) == 0 ? "BENIGN_WITHOUT_CALLBACK" : "BENIGN";
        String assessment = String.valueOf(malignant ? 4 + random.nextInt(2) : 2 + random.nextInt(2));
        String density = String.valueOf(1 + random.nextInt(4));
        String subtlety = String.valueOf(1 + random.nextInt(5));
        List<String> description = lesion.type() == LesionType.MASS
                ? List.of("mass", malignant ? "IRREGULAR" : "OVAL", malignant ? "SPICULATED" : "CIRCUMSCRIBED")
                : List.of("calcification", malignant ? "PLEOMORPHIC" : "ROUND_AND_REGULAR", "CLUSTERED");
        List<String> row = new ArrayList<>(List.of(patient, density, side, view, String.valueOf(id)));
        row.addAll(description);
        row.addAll(List.of(assessment, pathology, subtlety, image, crop, mask + "\n"));
        return row;
    }

    /** The bounding box of the mask, cut from the image. */
    private static GrayImage crop(GrayImage image, Mask mask) {
        int left = image.width();
        int top = image.height();
        int right = 0;
        int bottom = 0;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.contains(x, y)) {
                    left = Math.min(left, x);
                    right = Math.max(right, x + 1);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y + 1);
                }
            }
        }
        if (right <= left) {
            return new GrayImage(1, 1, new short[1]);
        }
        short[] samples = new short[(right - left) * (bottom - top)];
        for (int y = top; y < bottom; y++) {
            System.arraycopy(image.samples(), y * image.width() + left, samples, (y - top) * (right - left),
                    right - left);
        }
        return new GrayImage(right - left, bottom - top, samples);
    }

    /** A DICOM-like UID folder name. */
    private static String uid(Random random) {
        long[] parts = { 1, 3, 6, 1, 4, 1, 9590, 100, 1, 2, Math.abs(random.nextLong() % 1_000_000_000_000L) };
        return String.join(".", Arrays.stream(parts).mapToObj(Long::toString).toList());
    }
}
