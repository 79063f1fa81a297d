package org.rnnmemory.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an N x 1 trained weight vector (input I or readout w) is initialised. In YAML: the string
 * {@code random}, a map {@code {pcs: [1, 2], of: spontaneous|memory, weights: [..]}}, a map
 * {@code {vector: PATH.npy}}, or for the readout only the string {@code input}.
 */
public sealed interface WeightInit {

    /** The YAML form: a string or an ordered map. */
    Object toYaml();

    /** The SPEC section 1 random draw from the model seed. */
    record Random() implements WeightInit {
        @Override
        public Object toYaml() {
            return "random";
        }
    }

    /**
     * The readout starts as the seed's initial input weights divided by sqrt(N): w0 = I0 / sqrt(N),
     * the same normal sample as I with the variance 1/N of SPEC section 1. The reference
     * implementation drew w this way (cos(I0, w0) = 1; see notebooks-export/system-a).
     */
    record ScaledInput() implements WeightInit {
        @Override
        public Object toYaml() {
            return "input";
        }
    }

    /**
     * A weighted sum of principal components of the spontaneous or memory-period activity
     * (SPEC section 4).
     *
     * @param pcs PC indices, 1-based (1 = largest eigenvalue), distinct
     * @param of {@code spontaneous} or {@code memory}
     * @param weights one weight per PC; null in the constructor means all 1
     */
    record Pcs(List<Integer> pcs, String of, List<Double> weights) implements WeightInit {
        /** Allowed values of {@code of}. */
        public static final List<String> SOURCES = List.of("spontaneous", "memory");

        public Pcs {
            Check.notNull("pcs", pcs);
            if (pcs.isEmpty()) {
                throw Check.fail("pcs", "must name at least one principal component");
            }
            for (int i = 0; i < pcs.size(); i++) {
                Check.atLeast("pcs[" + i + "]", Check.notNull("pcs[" + i + "]", pcs.get(i)), 1);
            }
            Check.distinct("pcs", pcs);
            Check.oneOf("of", of, SOURCES);
            weights = weights == null ? Collections.nCopies(pcs.size(), 1.0) : weights;
            if (weights.size() != pcs.size()) {
                throw Check.fail("weights", "must have one entry per PC (" + pcs.size() + "), found "
                        + weights.size());
            }
            for (int i = 0; i < weights.size(); i++) {
                Check.finite("weights[" + i + "]", Check.notNull("weights[" + i + "]", weights.get(i)));
            }
            pcs = List.copyOf(pcs);
            weights = List.copyOf(weights);
        }

        @Override
        public Object toYaml() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pcs", new ArrayList<>(pcs));
            m.put("of", of);
            m.put("weights", new ArrayList<>(weights));
            return m;
        }
    }

    /**
     * A vector read from a {@code .npy} file of N values.
     *
     * @param path the file, absolute (the loader resolves it against the YAML file's folder)
     */
    record Vector(Path path) implements WeightInit {
        public Vector {
            Check.notNull("vector", path);
            if (!path.toString().endsWith(".npy")) {
                throw Check.fail("vector", "must name a .npy file, found '" + path + "'");
            }
        }

        @Override
        public Object toYaml() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vector", path.toString());
            return m;
        }
    }
}
