package org.rnnmemory.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published results of the 20 System A models ({@value #RESOURCE}): per seed, precision,
 * weight correlation and the two legacy participation ratios, with the file's source line.
 *
 * @param source the file's "# Source: ..." line without the leading "# "
 * @param columns column name to values in seed order (seed included)
 */
public record PublishedReference(String source, Map<String, double[]> columns) {
    public static final String RESOURCE = "/reference/published_system_a.csv";

    /** Published summary of SPEC section 6: Pearson r (and p) of precision against weight correlation. */
    public static final double PUBLISHED_R = 0.06;
    public static final double PUBLISHED_P = 0.79;

    /** The bundled file. */
    public static PublishedReference load() {
        try (InputStream in = PublishedReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PublishedReference parse(List<String> lines) {
        String source = null;
        String[] header = null;
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                String text = line.substring(1).strip();
                if (text.startsWith("Source:") && source == null) {
                    source = text;
                }
            } else if (!line.isBlank() && header == null) {
                header = line.split(",");
            } else if (!line.isBlank()) {
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Double.parseDouble(f[i]);
                }
                rows.add(v);
            }
        }
        if (header == null || source == null) {
            throw new IllegalStateException(RESOURCE + " must have a '# Source:' line and a header");
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            int cc = c;
            cols.put(header[c], rows.stream().mapToDouble(r -> r[cc]).toArray());
        }
        return new PublishedReference(source, cols);
    }

    /** One column's values. */
    public double[] column(String name) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no column '" + name + "' in " + RESOURCE + "; columns: "
                    + columns.keySet());
        }
        return v.clone();
    }
}
