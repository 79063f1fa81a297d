package org.rnnmemory.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registered tasks, by name: each entry builds a {@link Task} from the configuration's task
 * settings in steps ({@link TaskSpec}). Adding a task is one class implementing {@link Task} and one
 * line here. Experiments train {@link IntegrationMemoryTask} (SPEC section 2), the only task so far.
 */
public final class Tasks {
    private static final Map<String, Function<TaskSpec, Task<?>>> REGISTERED = new LinkedHashMap<>();

    static {
        REGISTERED.put(IntegrationMemoryTask.NAME, IntegrationMemoryTask::new);
    }

    private Tasks() {}

    /** Names of the registered tasks, in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTERED.keySet());
    }

    /**
     * The task registered as {@code name}, built from {@code spec}.
     *
     * @throws IllegalArgumentException naming the task and the registered names when none is registered so
     */
    public static Task<?> of(String name, TaskSpec spec) {
        Function<TaskSpec, Task<?>> f = REGISTERED.get(name);
        if (f == null) {
            throw new IllegalArgumentException("task '" + name + "' is not registered; registered: "
                    + String.join(", ", names()));
        }
        return f.apply(spec);
    }

    /** The task an experiment trains: the integration-and-memory task of {@code spec}. */
    public static IntegrationMemoryTask integrationMemory(TaskSpec spec) {
        return new IntegrationMemoryTask(spec);
    }
}
