package org.rnnmemory.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.WeightsIO;

/**
 * The published System A model (seed 1, N = 500): the origin spectrum agrees with an independent
 * eigendecomposition of -1 + g G (EJML's general eigensolver, against LAPACK's), and the readout
 * statistics reproduce its published precision 0.01618705 with the trained w.
 */
class SystemADynamicsTest {
    static final Path DIR = Path.of("src/test/resources/reference/sys_A1");

    @Test
    void originSpectrumAgreesWithAnIndependentEigensolver() {
        Field f = Field.of(WeightsIO.load(DIR, DataType.DOUBLE));
        OriginSpectrum o = OriginSpectrum.of(f);
        Spectrum independent = Spectrum.ofEjml(f.jacobian(new double[f.n()]));
        java.util.List<double[]> want = new java.util.ArrayList<>();
        for (int k = 0; k < independent.size(); k++) {
            want.add(new double[] {independent.re()[k], independent.im()[k]});
        }
        double mismatch = Networks.mismatch(want, o.spectrum());
        assertTrue(mismatch < 1e-9, "max eigenvalue difference " + mismatch);
        assertEquals(independent.unstableCount(), o.unstableDimensions());
        assertEquals(independent.maxReal(), o.maxRealEigenvalue(), 1e-10);
        assertTrue(o.inputUnstableFraction() > 0 && o.inputUnstableFraction() < 1);
    }

    @Test
    void windowStatisticsReproduceThePublishedPrecision() {
        CtrnnWeights w = WeightsIO.load(DIR, DataType.DOUBLE);
        int[] test = {50, 150, 300};
        MemoryTrajectories t = MemoryTrajectories.simulate(w, EvalProtocol.SYSTEM_A, test, test, 1);
        double[] readout = w.w().data().asDouble();
        double precision = 0;
        for (int d : test) {
            precision += t.stats(d).loss(readout) / test.length;
        }
        assertEquals(0.01618705, precision, 0.01618705 * 1e-4);
    }
}
