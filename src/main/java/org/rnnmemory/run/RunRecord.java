package org.rnnmemory.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Provenance;

/**
 * A run directory's {@code run.json} read back: the {@link Provenance} keys every output carries and
 * the keys of a training run. Absent keys read as -1 (counts) or null, so that files written by hand
 * or by older versions still read.
 *
 * @param provenance status, start and end time, config hash
 * @param updatesTotal {@code updates_total}: Adam updates the run makes in all, or -1
 * @param updatesDone {@code updates_done}: updates completed when run.json was last written, or -1
 * @param resumedFromUpdate {@code resumed_from_update}: the update this process started at (0 when absent)
 * @param interruptedBy {@code interrupted_by}: the signal that stopped an interrupted run, or null
 * @param blasCores {@code blas_cores}: the OpenBLAS kernels the run has used, oldest first (for files
 *     before that key, the one {@code backend.blas_core}); empty when unknown
 */
public record RunRecord(Provenance.Recorded provenance, int updatesTotal, int updatesDone, int resumedFromUpdate,
                        String interruptedBy, List<String> blasCores) {

    public RunRecord {
        blasCores = List.copyOf(blasCores);
    }

    /**
     * Reads {@code run.json}.
     *
     * @throws InputFileException naming the file if it is missing or not JSON
     */
    public static RunRecord read(Path runJson) {
        Provenance.Recorded p = Provenance.read(runJson);
        JsonNode o = p.document();
        List<String> cores = new ArrayList<>();
        if (o.path("blas_cores").isArray()) {
            o.get("blas_cores").forEach(k -> cores.add(k.asText()));
        } else if (o.at("/backend/blas_core").isTextual()) {
            cores.add(o.at("/backend/blas_core").asText());
        }
        return new RunRecord(p, o.path("updates_total").asInt(-1), o.path("updates_done").asInt(-1),
                o.path("resumed_from_update").asInt(0),
                o.hasNonNull("interrupted_by") ? o.get("interrupted_by").asText() : null, cores);
    }

    /** The status word ("" when absent). */
    public String status() {
        return provenance.status();
    }
}
