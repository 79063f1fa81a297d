package org.rnnmemory.gpu.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnmemory.gpu.CudaAdjoint;

/** The self-test's oracle: its float64 gradients against central finite differences of its own loss. */
class ReferenceAdjointTest {
    static final int N = 6;

    private static double totalLoss(ReferenceAdjoint r, CheckData.Batch b, double[][] in, double[][] w, double[][] h0,
                                     int start) {
        double[] l = r.compute(b.seeds(), b.rowsPerSeed(), b.u(), b.y(), b.rowWeight(), start, in, w, h0, 1).loss();
        return l[0] + l[1];
    }

    @Test
    void float64GradientsEqualFiniteDifferences() {
        float[][] gG = CheckData.recurrent(N, 1.5, 1);
        double[][] in = CheckData.gaussian(2, N, 1.0, 2);
        double[][] w = CheckData.gaussian(2, N, 1.0, 3);
        double[][] h0 = CheckData.gaussian(2, N, 0.5, 4);
        CheckData.Batch b = CheckData.batch(2, 2, new CheckData.Task(80, 30, 10, 8, 4, 50, 0.0), 5);
        ReferenceAdjoint r = new ReferenceAdjoint(gG, 0.1, true, true, false);
        CudaAdjoint.Result g = r.compute(2, 2, b.u(), b.y(), b.rowWeight(), 0, in, w, h0, 1);
        double eps = 1e-6;
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < N; c++) {
                for (double[][] p : new double[][][] {in, w}) {
                    double keep = p[s][c];
                    p[s][c] = keep + eps;
                    double up = totalLoss(r, b, in, w, h0, 0);
                    p[s][c] = keep - eps;
                    double down = totalLoss(r, b, in, w, h0, 0);
                    p[s][c] = keep;
                    double fd = (up - down) / (2 * eps);
                    double analytic = p == in ? g.gradInput()[s][c] : g.gradReadout()[s][c];
                    assertEquals(fd, analytic, 1e-7 * Math.max(1, Math.abs(fd)), (p == in ? "dL/dI" : "dL/dw") + s + c);
                }
            }
        }
    }

    @Test
    void startingAtTheFirstInputChangesNothingFromAZeroState() {
        float[][] gG = CheckData.recurrent(N, 1.5, 6);
        double[][] in = CheckData.gaussian(2, N, 1.0, 7);
        double[][] w = CheckData.gaussian(2, N, 1.0, 8);
        CheckData.Batch b = CheckData.batch(2, 2, new CheckData.Task(80, 40, 10, 8, 4, 60, 0.0), 9);
        assertTrue(b.start() >= 30);
        ReferenceAdjoint r = new ReferenceAdjoint(gG, 0.1, true, true, false);
        CudaAdjoint.Result all = r.compute(2, 2, b.u(), b.y(), b.rowWeight(), 0, in, w, null, 1);
        CudaAdjoint.Result skip = r.compute(2, 2, b.u(), b.y(), b.rowWeight(), b.start(), in, w, null, 2);
        for (int s = 0; s < 2; s++) {
            assertEquals(all.loss()[s], skip.loss()[s], 1e-15 * all.loss()[s]);
            for (int c = 0; c < N; c++) {
                assertEquals(all.gradInput()[s][c], skip.gradInput()[s][c], 0.0);
                assertEquals(all.gradReadout()[s][c], skip.gradReadout()[s][c], 0.0);
            }
        }
    }
}
