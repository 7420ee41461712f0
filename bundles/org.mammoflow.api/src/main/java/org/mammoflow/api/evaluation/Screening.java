package org.mammoflow.api.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.mammoflow.api.image.ImageAttributes;

/**
 * Images grouped as a screening service reads them: per exam (its patient and study, or the patient
 * alone where no exam is known), per breast, per view. The one grouping every front end uses
 * ({@code mammo:predict}, {@code mammo:evaluate}, the Spark job); images that name no patient or no
 * breast are left out of it.
 */
public final class Screening {

    /** The views a complete screening exam has of each breast. */
    public static final Set<String> STANDARD_VIEWS = Set.of("CC", "MLO");

    private Screening() {
    }

    /** One breast of one exam and its images, in the order met. */
    public record Breast<T>(String laterality, List<T> views) {

        public Breast {
            views = List.copyOf(views);
        }

        /** The breast's score: its views' scores combined. */
        public double score(ToDoubleFunction<T> image, ViewCombination combination) {
            return combination.combine(views.stream().mapToDouble(image).toArray());
        }
    }

    /** One exam: its patient, its exam (empty where only the patient tells it) and its breasts, in the order met. */
    public record Exam<T>(String patientId, String exam, List<Breast<T>> breasts) {

        public Exam {
            breasts = List.copyOf(breasts);
        }

        /** The exam's score: its higher breast's. */
        public double score(ToDoubleFunction<T> image, ViewCombination combination) {
            return breasts.stream().mapToDouble(b -> b.score(image, combination)).max().orElseThrow();
        }

        public List<T> images() {
            return breasts.stream().flatMap(b -> b.views().stream()).toList();
        }

        /** Of the four standard views (CC and MLO of each breast), how many the exam lacks. */
        public int missingViews(Function<T, ImageAttributes> attributes) {
            int present = 0;
            for (Breast<T> breast : breasts) {
                present += STANDARD_VIEWS.size() - missingViews(breast, attributes);
            }
            return 2 * STANDARD_VIEWS.size() - present;
        }

        /** Of the breast's two standard views, how many it lacks. */
        public int missingViews(Breast<T> breast, Function<T, ImageAttributes> attributes) {
            return (int) STANDARD_VIEWS.stream()
                    .filter(v -> breast.views().stream().noneMatch(i -> attributes.apply(i).view().equals(v))).count();
        }
    }

    /** The exams of these images, each image placed by what {@code attributes} says of it. */
    public static <T> List<Exam<T>> exams(List<T> images, Function<T, ImageAttributes> attributes) {
        Map<String, Map<String, List<T>>> byExam = new LinkedHashMap<>();
        Map<String, ImageAttributes> first = new LinkedHashMap<>();
        for (T image : images) {
            ImageAttributes a = attributes.apply(image);
            if (a.identifiesBreast()) {
                first.putIfAbsent(a.examKey(), a);
                byExam.computeIfAbsent(a.examKey(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(a.laterality(), k -> new ArrayList<>()).add(image);
            }
        }
        List<Exam<T>> exams = new ArrayList<>();
        byExam.forEach((key, breasts) -> {
            List<Breast<T>> list = new ArrayList<>();
            breasts.forEach((laterality, views) -> list.add(new Breast<>(laterality, views)));
            exams.add(new Exam<>(first.get(key).patientId(), first.get(key).exam(), list));
        });
        return exams;
    }
}
