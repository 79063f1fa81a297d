package org.rnnmemory.dynamics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The eigenvalues and the Cholesky solve of the dynamics are right under whichever OpenBLAS kernel
 * the JVM runs (the test suite runs under the kernel the project selects; CI also under Haswell):
 * LAPACK where {@link Lapack#AVAILABLE}, EJML otherwise. Sizes from 200 up take LAPACK's blocked paths,
 * where the SkylakeX kernels of OpenBLAS 0.3.19 go wrong.
 */
class LapackTest {

    private static DMatrixRMaj random(int n, long seed) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        double[] g = Networks.gaussian(n * n, 1 / Math.sqrt(n), seed);
        System.arraycopy(g, 0, a.data, 0, g.length);
        return a;
    }

    @Test
    void spectrumOfALargeMatrixAgreesWithEjml() {
        DMatrixRMaj a = random(300, 7);
        CommonOps_DDRM.addEquals(a, -1, CommonOps_DDRM.identity(300));
        Spectrum reference = Spectrum.ofEjml(a);
        List<double[]> want = new ArrayList<>();
        for (int k = 0; k < reference.size(); k++) {
            want.add(new double[] {reference.re()[k], reference.im()[k]});
        }
        double mismatch = Networks.mismatch(want, Spectrum.of(a));
        assertTrue(mismatch < 1e-9, "LAPACK available: " + Lapack.AVAILABLE + ", max |difference| " + mismatch);
    }

    @Test
    void traceInvariantsRejectAWrongSpectrum() {
        DMatrixRMaj a = random(60, 8);
        Spectrum s = Spectrum.ofEjml(a);
        assertTrue(Lapack.consistent(a, s.re(), s.im()));
        double[] shifted = s.re().clone();
        shifted[0] += 1e-4;
        assertFalse(Lapack.consistent(a, shifted, s.im()), "sum of eigenvalues off by 1e-4");
        double[] moved = s.re().clone();
        moved[0] += 1e-3;
        moved[moved.length - 1] -= 1e-3;
        assertFalse(Lapack.consistent(a, moved, s.im()), "same sum, sum of squares off by ~2e-3 max|lambda|");
    }

    @Test
    void shiftedCholeskySolveAgreesWithAGeneralSolver() {
        int n = 300;
        DMatrixRMaj x = random(n, 9);
        DMatrixRMaj spd = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(x, x, spd);
        double[] b = Networks.gaussian(n, 1, 10);
        double mu = 0.1;
        double[] got = FixedPointFinder.solveShifted(spd, mu, b);
        assertNotNull(got);
        DMatrixRMaj shifted = spd.copy();
        CommonOps_DDRM.addEquals(shifted, mu, CommonOps_DDRM.identity(n));
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1, true, b);
        CommonOps_DDRM.scale(-1, rhs);
        DMatrixRMaj want = new DMatrixRMaj(n, 1);
        assertTrue(CommonOps_DDRM.solve(shifted, rhs, want));
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(got[i] - want.get(i)));
        }
        assertTrue(max < 1e-8, "LAPACK available: " + Lapack.AVAILABLE + ", max |x - x_LU| " + max);
        CommonOps_DDRM.addEquals(spd, -10, CommonOps_DDRM.identity(n));
        assertTrue(FixedPointFinder.solveShifted(spd, 0, b) == null, "an indefinite matrix has no Cholesky factor");
    }
}
