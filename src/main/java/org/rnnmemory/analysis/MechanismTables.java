package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.dynamics.NetworkDynamics;
import org.rnnmemory.dynamics.PointAnalysis;
import org.rnnmemory.dynamics.Spectrum;
import org.rnnmemory.io.TableSchema;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The mechanism tables {@code rnnmem analyze} writes next to analysis.csv (columns declared in
 * {@link #declare}):
 *
 * <pre>
 * tables/mechanism_points.csv    every fixed and slow point kept per seed, with its linearisation
 * tables/mechanism_speed.csv     speed along the memory period per seed (mean over the test durations)
 * tables/mechanism_spectra.csv   eigenvalues of J at the origin and at the nearest point, per seed
 * tables/mechanism_readout.csv   trained and optimal readout weights per seed and unit
 * </pre>
 */
public final class MechanismTables {
    public static final String POINTS = "mechanism_points";
    public static final String SPEED = "mechanism_speed";
    public static final String SPECTRA = "mechanism_spectra";
    public static final String READOUT = "mechanism_readout";
    /** The tables in writing order. */
    public static final List<String> ALL = List.of(POINTS, SPEED, SPECTRA, READOUT);
    /** Spacing of the rows of mechanism_speed.csv, ms. */
    static final double SPEED_STEP_MS = 10;

    private MechanismTables() {}

    /** Every mechanism table, by name. */
    static Map<String, Table> all(Map<Integer, NetworkDynamics> results) {
        Map<String, Table> out = new LinkedHashMap<>();
        out.put(POINTS, points(results));
        out.put(SPEED, speed(results));
        out.put(SPECTRA, spectra(results));
        out.put(READOUT, readout(results));
        return out;
    }

    static Table points(Map<Integer, NetworkDynamics> results) {
        Table t = Table.create(POINTS, IntColumn.create("seed"), StringColumn.create("kind"), IntColumn.create("rank"),
                IntColumn.create("nearest"));
        String[] doubles = {"norm", "q", "speed", "output", "unstable_dims", "max_real", "slowest_time_constant_ms",
            "distance", "right_input", "right_readout", "left_input", "left_readout"};
        for (String c : doubles) {
            t.addColumns(DoubleColumn.create(c));
        }
        results.forEach((seed, d) -> {
            PointAnalysis nearest = d.nearestPoint();
            for (String kind : List.of("fixed", "slow")) {
                List<PointAnalysis> ps = kind.equals("fixed") ? d.fixedPoints() : d.slowPoints();
                for (int k = 0; k < ps.size(); k++) {
                    PointAnalysis p = ps.get(k);
                    t.intColumn("seed").append(seed);
                    t.stringColumn("kind").append(kind);
                    t.intColumn("rank").append(k + 1);
                    t.intColumn("nearest").append(p == nearest ? 1 : 0);
                    double[] v = {p.norm(), p.q(), p.speed(), p.output(), p.unstableDimensions(), p.maxRealEigenvalue(),
                        finite(p.slowestTimeConstantMs()), p.distance(), p.rightInput(), p.rightReadout(),
                        p.leftInput(), p.leftReadout()};
                    for (int c = 0; c < doubles.length; c++) {
                        t.doubleColumn(doubles[c]).append(v[c]);
                    }
                }
            }
        });
        return t;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    static Table speed(Map<Integer, NetworkDynamics> results) {
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn t = DoubleColumn.create("t_ms");
        DoubleColumn speed = DoubleColumn.create("speed");
        results.forEach((s, d) -> {
            double[] times = d.trajectories().speedTimesMs();
            double[] mean = meanTestSpeed(d);
            double dt = d.params().dtMs();
            int stride = Math.max(1, (int) Math.round(SPEED_STEP_MS / dt));
            for (int i = 0; i < times.length; i += stride) {
                seed.append(s);
                t.append(times[i]);
                speed.append(mean[i]);
            }
        });
        return Table.create(SPEED, seed, t, speed);
    }

    /** Speed per window step, mean over the test durations, 1/s. */
    static double[] meanTestSpeed(NetworkDynamics d) {
        var traj = d.trajectories();
        int[] test = d.readout().lossByDuration().keySet().stream().mapToInt(Integer::parseInt).toArray();
        double[] mean = new double[traj.speedTimesMs().length];
        for (int ms : test) {
            double[] s = traj.speeds()[traj.indexOf(ms)];
            for (int i = 0; i < mean.length; i++) {
                mean[i] += s[i] / test.length;
            }
        }
        return mean;
    }

    static Table spectra(Map<Integer, NetworkDynamics> results) {
        IntColumn seed = IntColumn.create("seed");
        StringColumn where = StringColumn.create("where");
        DoubleColumn re = DoubleColumn.create("re");
        DoubleColumn im = DoubleColumn.create("im");
        results.forEach((s, d) -> {
            append(s, "origin", d.origin().spectrum(), seed, where, re, im);
            PointAnalysis p = d.nearestPoint();
            if (p != null) {
                append(s, "nearest", p.spectrum(), seed, where, re, im);
            }
        });
        return Table.create(SPECTRA, seed, where, re, im);
    }

    private static void append(int s, String w, Spectrum sp, IntColumn seed, StringColumn where, DoubleColumn re,
                               DoubleColumn im) {
        for (int k = 0; k < sp.size(); k++) {
            seed.append(s);
            where.append(w);
            re.append(sp.re()[k]);
            im.append(sp.im()[k]);
        }
    }

    static Table readout(Map<Integer, NetworkDynamics> results) {
        IntColumn seed = IntColumn.create("seed");
        IntColumn unit = IntColumn.create("unit");
        DoubleColumn trained = DoubleColumn.create("trained");
        DoubleColumn optimal = DoubleColumn.create("optimal");
        results.forEach((s, d) -> {
            double[] tw = d.readout().trained();
            double[] ow = d.readout().fit().w();
            for (int i = 0; i < tw.length; i++) {
                seed.append(s);
                unit.append(i);
                trained.append(tw[i]);
                optimal.append(ow[i]);
            }
        });
        return Table.create(READOUT, seed, unit, trained, optimal);
    }

    /** Columns, units and meanings of the mechanism tables. */
    static void declare(TableSchema s) {
        s.add(POINTS, "seed", "int", "1", "model seed");
        s.add(POINTS, "kind", "string", "1", "fixed (q <= 1e-20 / tau^2) | slow (local minimum of q above it)");
        s.add(POINTS, "rank", "int", "1", "rank by q within the kind, from 1");
        s.add(POINTS, "nearest", "int", "1", "1 for the point nearest to the memory-period states of the seed");
        s.add(POINTS, "norm", "double", "state units", "|h|");
        s.add(POINTS, "q", "double", "1/tau^2", "q(h) = |F(h)|^2 / 2, input off");
        s.add(POINTS, "speed", "double", "1/s", "|F(h)| / tau");
        s.add(POINTS, "output", "double", "1", "w . tanh(h)");
        s.add(POINTS, "unstable_dims", "double", "1", "eigenvalues of J(h) with real part > 1e-6 / tau");
        s.add(POINTS, "max_real", "double", "1/tau", "largest real part of an eigenvalue of J(h)");
        s.add(POINTS, "slowest_time_constant_ms", "double", "ms", "tau / min |Re lambda| (NA when infinite; at a slow "
                + "point J^T F = 0, so J is singular and this is unbounded)");
        s.add(POINTS, "distance", "double", "state units", "distance to the nearest sampled memory-period state");
        s.add(POINTS, "right_input", "double", "1", "|cos(I, right eigenvector of the leading eigenvalue)|");
        s.add(POINTS, "right_readout", "double", "1", "|cos(w, right eigenvector of the leading eigenvalue)|");
        s.add(POINTS, "left_input", "double", "1", "|cos(I, left eigenvector of the leading eigenvalue)|");
        s.add(POINTS, "left_readout", "double", "1", "|cos(w, left eigenvector of the leading eigenvalue)|");
        s.add(SPEED, "seed", "int", "1", "model seed");
        s.add(SPEED, "t_ms", "double", "ms", "time from pulse onset (memory period = evaluation window)");
        s.add(SPEED, "speed", "double", "1/s", "|F(h)| / tau, mean over the test durations");
        s.add(SPECTRA, "seed", "int", "1", "model seed");
        s.add(SPECTRA, "where", "string", "1", "origin (J(0) = -1 + g G) | nearest (J at the point nearest to the "
                + "memory-period states)");
        s.add(SPECTRA, "re", "double", "1/tau", "real part of the eigenvalue");
        s.add(SPECTRA, "im", "double", "1/tau", "imaginary part of the eigenvalue");
        s.add(READOUT, "seed", "int", "1", "model seed");
        s.add(READOUT, "unit", "int", "1", "unit index, from 0");
        s.add(READOUT, "trained", "double", "1", "trained readout weight w_i");
        s.add(READOUT, "optimal", "double", "1", "optimal readout weight (cross-validated ridge least squares)");
    }
}
