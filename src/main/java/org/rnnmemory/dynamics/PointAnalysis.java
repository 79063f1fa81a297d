package org.rnnmemory.dynamics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ejml.data.DMatrixRMaj;
import org.rnnmemory.io.Json;

/**
 * The linearisation of the input-free field at one state h (a fixed or slow point).
 *
 * @param h the state, length N
 * @param norm |h|
 * @param q q(h) = |F(h)|^2 / 2, 1/tau^2
 * @param speed |F(h)| / tau, 1/s
 * @param output w . tanh(h)
 * @param spectrum eigenvalues of J(h), 1/tau
 * @param unstableDimensions eigenvalues with real part above {@link Spectrum#UNSTABLE_TOLERANCE}
 * @param slowestTimeConstantMs tau / min |Re lambda|, ms
 * @param leading the {@link #LEADING} eigenvalues with the largest real parts, {re, im}
 * @param rightInput |cos| between I and the right eigenvector of the leading eigenvalue
 * @param rightReadout |cos| between w and that right eigenvector
 * @param leftInput |cos| between I and the left eigenvector of the leading eigenvalue
 * @param leftReadout |cos| between w and that left eigenvector
 * @param distance distance to the nearest sampled memory-period state (units of h), NaN when not given
 */
public record PointAnalysis(double[] h, double norm, double q, double speed, double output, Spectrum spectrum,
                            int unstableDimensions, double slowestTimeConstantMs, double[][] leading,
                            double rightInput, double rightReadout, double leftInput, double leftReadout,
                            double distance) {

    /** Leading eigenvalues reported per point. */
    public static final int LEADING = 5;

    /**
     * Linearises the field at h.
     *
     * @param states memory-period states to measure the distance to (may be empty)
     */
    public static PointAnalysis of(Field f, double[] h, double[][] states) {
        DMatrixRMaj j = f.jacobian(h);
        Spectrum s = Spectrum.of(j);
        EigenVectors ev = new EigenVectors(j);
        double re = s.re()[0];
        double im = Math.abs(s.im()[0]);
        double[][] right = ev.right(re, im);
        double[][] left = ev.left(re, im);
        double[] in = f.input();
        double[] w = f.readout();
        double d = Double.NaN;
        for (double[] x : states) {
            double dist = FixedPointFinder.distance(x, h);
            d = Double.isNaN(d) ? dist : Math.min(d, dist);
        }
        double q = f.q(h);
        return new PointAnalysis(h.clone(), Field.norm(h), q, Math.sqrt(2 * q) / f.tauMs() * 1000.0, f.output(h), s,
                s.unstableCount(), s.slowestTimeConstantMs(f.tauMs()), s.leading(LEADING),
                EigenVectors.alignment(right, in), EigenVectors.alignment(right, w), EigenVectors.alignment(left, in),
                EigenVectors.alignment(left, w), d);
    }

    public double maxRealEigenvalue() {
        return spectrum.maxReal();
    }

    /** The JSON object of {@code rnnmem dynamics}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("norm", norm);
        o.put("q", q);
        o.put("speed", speed);
        o.put("output", output);
        o.put("unstable_dimensions", unstableDimensions);
        o.put("max_real_eigenvalue", maxRealEigenvalue());
        Results.putFinite(o, "slowest_time_constant_ms", slowestTimeConstantMs);
        ArrayNode lead = o.putArray("leading_eigenvalues");
        for (double[] l : leading) {
            lead.addObject().put("re", l[0]).put("im", l[1]);
        }
        ObjectNode a = o.putObject("leading_alignment");
        a.put("right_input", rightInput);
        a.put("right_readout", rightReadout);
        a.put("left_input", leftInput);
        a.put("left_readout", leftReadout);
        Results.putFinite(o, "distance_to_trajectory", distance);
        return o;
    }
}
