package org.rnnmemory.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network with g < 1 and an orthogonal G (|g G| = g < 1, so h -> g G tanh(h) is a contraction):
 * the origin is its only fixed point and q has no other minimum. Every eigenvalue of J(0) must be
 * -1 + g x for an eigenvalue x of G from an independent general eigensolver (commons-math).
 */
class SubcriticalNetworkTest {
    static final int N = 40;
    static final double GAIN = 0.8;

    static Field field() {
        double[] g = Networks.orthogonal(N, 3);
        double[] gg = g.clone();
        for (int i = 0; i < gg.length; i++) {
            gg[i] *= GAIN;
        }
        return Field.of(gg, Networks.gaussian(N, 1, 4), Networks.gaussian(N, 1 / Math.sqrt(N), 5), 100, GAIN);
    }

    static List<double[]> expectedOriginSpectrum() {
        List<double[]> out = new ArrayList<>();
        for (double[] x : Networks.commonsEigenvalues(Networks.orthogonal(N, 3), N)) {
            out.add(new double[] {-1 + GAIN * x[0], GAIN * x[1]});
        }
        return out;
    }

    @Test
    void originSpectrumIsMinusOnePlusGTimesTheSpectrumOfG() {
        OriginSpectrum o = OriginSpectrum.of(field());
        assertEquals(N, o.spectrum().size());
        assertTrue(Networks.mismatch(expectedOriginSpectrum(), o.spectrum()) < 1e-12,
                "max |lambda - (-1 + g x)| = " + Networks.mismatch(expectedOriginSpectrum(), o.spectrum()));
        assertEquals(0, o.unstableDimensions());
        assertEquals(-1 + GAIN, o.maxRealEigenvalue(), 0.1, "eigenvalues of an orthogonal G lie on the unit circle");
        assertEquals(GAIN, o.spectralRadius(), 1e-12, "|eigenvalues of g G| = g for orthogonal G");
        assertEquals(0.0, o.circularLawUnstable());
    }

    @Test
    void theOriginIsTheOnlyFixedPointFoundFromEveryStart() {
        Field f = field();
        double[][] states = new double[12][];
        for (int k = 0; k < states.length; k++) {
            states[k] = Networks.gaussian(N, 1.5, 100 + k);
        }
        FixedPointFinder.Outcome o = FixedPointFinder.find(f, states, FinderSettings.DEFAULT, 2);
        assertEquals(1, o.fixed().size(), "fixed points");
        assertEquals(0, o.slow().size(), "slow points");
        double[] h = o.fixed().get(0).h();
        assertTrue(Field.norm(h) < 1e-8, "|h| = " + Field.norm(h));
        PointAnalysis p = PointAnalysis.of(f, h, states);
        assertTrue(Networks.mismatch(expectedOriginSpectrum(), p.spectrum()) < 1e-8);
        assertEquals(0, p.unstableDimensions());
    }
}
