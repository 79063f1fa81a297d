package org.rnnmemory.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.rnnmemory.slurm.SlurmTools;
import org.rnnmemory.slurm.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rnnmem status DIR}: one line per shard or candidate of a submission, and its merge job. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each task of a Slurm submission (or one run directory): pending, running with update "
                + "n/N and ETA, completed, failed with its error, interrupted, stopped; and Slurm's state of its "
                + "job when squeue/sacct are available.", "Reads only; writes nothing."})
public final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder given to submit or sweep --slurm, or a run directory.")
    Path dir;

    @Override
    public Integer call() {
        System.out.print(StatusReport.text(dir, Instant.now(), SlurmTools.states(StatusReport.jobIds(dir))));
        return 0;
    }
}
