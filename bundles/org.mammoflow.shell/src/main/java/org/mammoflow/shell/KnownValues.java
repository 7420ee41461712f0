package org.mammoflow.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.mammoflow.api.network.Precision;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingScheduler;

/**
 * Values that Tab completes where the runtime knows them: job ids (mammo:cancel, mammo:log), sampler
 * names (mammo:sampler) and head names (--head), from the services present when Tab is pressed, and the
 * precisions (--precision).
 */
@FunctionalInterface
interface KnownValues {

    /** Values for the command's argument ({@code option} null) or for an option's value; empty when unknown. */
    List<String> of(String command, String option);

    KnownValues NONE = (command, option) -> List.of();

    /** From the training scheduler and the sampling service, either of which may be absent (null). */
    static KnownValues of(TrainingScheduler scheduler, PatchSampling sampling) {
        return (command, option) -> {
            String name = command.substring(command.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            if (option != null) {
                return switch (option) {
                    case "--head" -> scheduler == null ? List.of() : scheduler.heads();
                    case "--precision" -> Arrays.stream(Precision.values()).map(Precision::label).toList();
                    default -> List.of();
                };
            }
            return switch (name) {
                case "cancel", "log" -> scheduler == null ? List.of()
                        : scheduler.jobs().stream().map(TrainingJob::id).toList();
                case "sampler" -> sampling == null ? List.of() : sampling.samplers();
                default -> List.of();
            };
        };
    }
}
