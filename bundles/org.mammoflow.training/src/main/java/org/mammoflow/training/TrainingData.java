package org.mammoflow.training;

import java.util.List;

import org.mammoflow.inference.input.Example;

/** What a run trains and validates on, with the names of its classes (index order). */
record TrainingData(List<Example> train, List<Example> validation, List<String> classNames) {

    TrainingData {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        classNames = List.copyOf(classNames);
    }

    int classes() {
        return classNames.size();
    }
}
