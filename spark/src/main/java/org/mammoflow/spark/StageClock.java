package org.mammoflow.spark;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * When each stage's tasks ran, from the first task's launch to the last one's end, and on how many
 * executors: a job's steady work, apart from starting executors and writing results.
 */
final class StageClock extends SparkListener {

    private final Map<Integer, Span> stages = new ConcurrentHashMap<>();

    record Span(long first, long last, Set<String> executors) {
        double seconds() {
            return (last - first) / 1000.0;
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo task = end.taskInfo();
        stages.merge(end.stageId(), new Span(task.launchTime(), task.finishTime(), Set.of(task.executorId())),
                (a, b) -> {
                    Set<String> executors = new HashSet<>(a.executors());
                    executors.addAll(b.executors());
                    return new Span(Math.min(a.first(), b.first()), Math.max(a.last(), b.last()), executors);
                });
    }

    /** The span of the stage that ran last (the job's result stage), or null when none ran. */
    Span last() {
        return stages.keySet().stream().max(Integer::compare).map(stages::get).orElse(null);
    }
}
