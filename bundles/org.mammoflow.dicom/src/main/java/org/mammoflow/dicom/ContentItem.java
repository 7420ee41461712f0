package org.mammoflow.dicom;

import java.util.List;
import java.util.Locale;

/**
 * Content items of a Structured Report's tree (PS3.3 C.17.3) as data set items: a concept name, a
 * value of one of the types below, and children by relationship.
 */
final class ContentItem {

    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODE_MEANING = 0x00080104;
    static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
    static final int MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA;
    static final int RELATIONSHIP_TYPE = 0x0040A010;
    static final int VALUE_TYPE = 0x0040A040;
    static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
    static final int CONTINUITY_OF_CONTENT = 0x0040A050;
    static final int TEXT_VALUE = 0x0040A160;
    static final int CONCEPT_CODE_SEQUENCE = 0x0040A168;
    static final int MEASURED_VALUE_SEQUENCE = 0x0040A300;
    static final int NUMERIC_VALUE = 0x0040A30A;
    static final int CONTENT_SEQUENCE = 0x0040A730;

    /** A coded concept: value, coding scheme and meaning. */
    record Code(String value, String scheme, String meaning) {

        DataSet item() {
            return new DataSet().text(CODE_VALUE, "SH", value).text(CODING_SCHEME_DESIGNATOR, "SH", scheme)
                    .text(CODE_MEANING, "LO", meaning);
        }
    }

    private ContentItem() {
    }

    /** The root container's attributes, written into the SR's top level data set. */
    static void root(DataSet dataSet, Code concept, List<DataSet> children) {
        dataSet.text(VALUE_TYPE, "CS", "CONTAINER").sequence(CONCEPT_NAME_CODE_SEQUENCE, List.of(concept.item()))
                .text(CONTINUITY_OF_CONTENT, "CS", "SEPARATE").sequence(CONTENT_SEQUENCE, children);
    }

    static DataSet container(String relationship, Code concept, List<DataSet> children) {
        return item(relationship, "CONTAINER", concept).text(CONTINUITY_OF_CONTENT, "CS", "SEPARATE")
                .sequence(CONTENT_SEQUENCE, children);
    }

    static DataSet text(String relationship, Code concept, String value) {
        return item(relationship, "TEXT", concept).text(TEXT_VALUE, "UT", value);
    }

    static DataSet code(String relationship, Code concept, Code value, List<DataSet> children) {
        DataSet item = item(relationship, "CODE", concept).sequence(CONCEPT_CODE_SEQUENCE, List.of(value.item()));
        return children.isEmpty() ? item : item.sequence(CONTENT_SEQUENCE, children);
    }

    /** A number (a decimal string of at most 16 characters: six decimals of a value in [0, 1]). */
    static DataSet number(String relationship, Code concept, double value, Code units, List<DataSet> children) {
        DataSet measured = new DataSet().text(NUMERIC_VALUE, "DS", String.format(Locale.ROOT, "%.6f", value))
                .sequence(MEASUREMENT_UNITS_CODE_SEQUENCE, List.of(units.item()));
        DataSet item = item(relationship, "NUM", concept).sequence(MEASURED_VALUE_SEQUENCE, List.of(measured));
        return children.isEmpty() ? item : item.sequence(CONTENT_SEQUENCE, children);
    }

    static DataSet image(String relationship, Code concept, String sopClassUid, String sopInstanceUid) {
        return item(relationship, "IMAGE", concept).sequence(REFERENCED_SOP_SEQUENCE, List.of(new DataSet()
                .text(REFERENCED_SOP_CLASS_UID, "UI", sopClassUid).text(REFERENCED_SOP_INSTANCE_UID, "UI", sopInstanceUid)));
    }

    private static DataSet item(String relationship, String valueType, Code concept) {
        return new DataSet().text(RELATIONSHIP_TYPE, "CS", relationship).text(VALUE_TYPE, "CS", valueType)
                .sequence(CONCEPT_NAME_CODE_SEQUENCE, List.of(concept.item()));
    }
}
