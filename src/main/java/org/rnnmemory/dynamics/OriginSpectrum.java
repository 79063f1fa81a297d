package org.rnnmemory.dynamics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnmemory.io.Json;

/**
 * The origin h = 0, a fixed point of the input-free field, where every trial starts. Its Jacobian is
 * J(0) = -1 + g G (1/tau). For G with independent N(0, 1/N) entries the circular law says the
 * eigenvalues of g G fill the disc of radius g uniformly as N grows, so a fraction
 * {@code (g^2 acos(1/g) - sqrt(g^2 - 1)) / (pi g^2)} of them (for g > 1) lies right of 1 and makes
 * J(0) unstable.
 *
 * <p>The unstable subspace is the span of the real and imaginary parts of the right eigenvectors of
 * the unstable eigenvalues (an invariant subspace of J(0)); the input's share of it is the squared
 * norm of the orthogonal projection of I onto that span over |I|^2, to be compared with k / N for a
 * random direction (k = unstable dimensions).
 *
 * @param spectrum eigenvalues of J(0), 1/tau
 * @param unstableDimensions eigenvalues with real part above {@link Spectrum#UNSTABLE_TOLERANCE}
 * @param spectralRadius largest |eigenvalue of g G|
 * @param gain g, the circular-law radius
 * @param circularLawUnstable the circular law's expected number of unstable eigenvalues, N times the
 *        fraction above
 * @param inputUnstableFraction |P I|^2 / |I|^2 for the orthogonal projector P onto the unstable subspace
 * @param randomUnstableFraction k / N, the same fraction for a random direction
 * @param slowestTimeConstantMs tau / min |Re lambda|, ms
 */
public record OriginSpectrum(Spectrum spectrum, int unstableDimensions, double spectralRadius, double gain,
                             double circularLawUnstable, double inputUnstableFraction, double randomUnstableFraction,
                             double slowestTimeConstantMs) {

    /** Analyses J(0) of a field. */
    public static OriginSpectrum of(Field f) {
        int n = f.n();
        DMatrixRMaj j = f.jacobian(new double[n]);
        Spectrum s = Spectrum.of(j);
        int k = s.unstableCount();
        double fraction = k == 0 ? 0 : projectedFraction(unstableBasis(j, s, k), f.input());
        return new OriginSpectrum(s, k, s.radius(1.0), f.gain(), n * circularLawFraction(f.gain()), fraction,
                (double) k / n, s.slowestTimeConstantMs(f.tauMs()));
    }

    /** The circular law's fraction of eigenvalues of g G with real part above 1. */
    public static double circularLawFraction(double g) {
        if (g <= 1) {
            return 0;
        }
        return (g * g * Math.acos(1 / g) - Math.sqrt(g * g - 1)) / (Math.PI * g * g);
    }

    /** Orthonormal basis (Gram-Schmidt, twice) of the span of the unstable eigenvectors' real and imaginary parts. */
    static List<double[]> unstableBasis(DMatrixRMaj j, Spectrum s, int k) {
        EigenVectors ev = new EigenVectors(j);
        List<double[]> raw = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (s.isReal(i)) {
                raw.add(ev.right(s.re()[i], 0)[0]);
            } else if (s.im()[i] > 0) {
                double[][] v = ev.right(s.re()[i], s.im()[i]);
                raw.add(v[0]);
                raw.add(v[1]);
            }
        }
        List<double[]> basis = new ArrayList<>();
        for (double[] v : raw) {
            double[] x = v.clone();
            double before = Field.norm(x);
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    double c = Field.dot(b, x);
                    for (int i = 0; i < x.length; i++) {
                        x[i] -= c * b[i];
                    }
                }
            }
            double after = Field.norm(x);
            if (after > 1e-8 * before) {
                for (int i = 0; i < x.length; i++) {
                    x[i] /= after;
                }
                basis.add(x);
            }
        }
        return basis;
    }

    static double projectedFraction(List<double[]> basis, double[] v) {
        double p = 0;
        for (double[] b : basis) {
            double c = Field.dot(b, v);
            p += c * c;
        }
        return p / Field.dot(v, v);
    }

    public double maxRealEigenvalue() {
        return spectrum.maxReal();
    }

    /** The JSON object of {@code rnnmem dynamics}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("max_real_eigenvalue", maxRealEigenvalue());
        o.put("unstable_dimensions", unstableDimensions);
        o.put("spectral_radius_gG", spectralRadius);
        o.put("circular_law_radius", gain);
        o.put("circular_law_unstable_dimensions", circularLawUnstable);
        o.put("input_unstable_fraction", inputUnstableFraction);
        o.put("random_unstable_fraction", randomUnstableFraction);
        Results.putFinite(o, "slowest_time_constant_ms", slowestTimeConstantMs);
        var lead = o.putArray("leading_eigenvalues");
        for (double[] l : spectrum.leading(PointAnalysis.LEADING)) {
            lead.addObject().put("re", l[0]).put("im", l[1]);
        }
        return o;
    }
}
