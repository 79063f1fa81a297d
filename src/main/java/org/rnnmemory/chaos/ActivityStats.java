package org.rnnmemory.chaos;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Time averages of one trajectory, in double precision:
 * <ul>
 *   <li>{@code Delta0}: the population variance of h (variance over units at one step), averaged
 *       over the steps added; the same for r = tanh(h);</li>
 *   <li>the covariance of r over time (N x N, divided by the number of samples) from every
 *       {@code sampleEvery}-th step, and its participation ratio {@code (sum l)^2 / sum l^2}.</li>
 * </ul>
 * Covariance samples are gathered in blocks of {@value #BLOCK} and folded in with one matrix
 * product per block, so memory stays O(N^2) however long the run.
 */
final class ActivityStats {
    static final int BLOCK = 256;

    private final int n;
    private final int sampleEvery;
    private final double[] block;
    private final double[] sum;
    private INDArray secondMoment;
    private int inBlock;
    private long samples;
    private long steps;
    private double varH;
    private double varR;

    ActivityStats(int n, int sampleEvery) {
        this.n = n;
        this.sampleEvery = sampleEvery;
        this.block = new double[BLOCK * n];
        this.sum = new double[n];
    }

    /** Adds one step of the measured trajectory. */
    void add(double[] h, double[] r) {
        varH += populationVariance(h);
        varR += populationVariance(r);
        if (steps % sampleEvery == 0) {
            System.arraycopy(r, 0, block, inBlock * n, n);
            for (int i = 0; i < n; i++) {
                sum[i] += r[i];
            }
            inBlock++;
            samples++;
            if (inBlock == BLOCK) {
                flush();
            }
        }
        steps++;
    }

    /** Time-averaged population variance of h. */
    double delta0() {
        return varH / steps;
    }

    /** Time-averaged population variance of r. */
    double delta0R() {
        return varR / steps;
    }

    long samples() {
        return samples;
    }

    /** Covariance of r over the sampled steps ([N][N], normalised by the number of samples). */
    double[][] covariance() {
        flush();
        double[][] c = secondMoment == null ? new double[n][n] : secondMoment.toDoubleMatrix();
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = sum[i] / samples;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double cij = 0.5 * (c[i][j] + c[j][i]) / samples - mean[i] * mean[j];
                c[i][j] = cij;
                c[j][i] = cij;
            }
        }
        return c;
    }

    /**
     * Participation ratio of the rate covariance, or NaN when the activity is not sustained
     * ({@link #delta0R()} below {@value #SUSTAINED}: the state has decayed to the fixed point at the
     * origin, and the ratio would only describe the slowest decaying modes).
     */
    double participationRatio() {
        return delta0R() < SUSTAINED ? Double.NaN : participationRatio(covariance());
    }

    /** Smallest time-averaged population variance of r counted as sustained activity. */
    static final double SUSTAINED = 1e-12;

    /**
     * Participation ratio {@code (sum l)^2 / sum l^2} of the eigenvalues of a covariance matrix
     * (EJML symmetric QR algorithm, eigenvalues only). NaN for a zero matrix.
     */
    static double participationRatio(double[][] cov) {
        int n = cov.length;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += cov[i][i];
        }
        if (!(trace > 0)) {
            return Double.NaN;
        }
        SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(false);
        // the default iteration cap (20) is too low for rate covariances, whose many tiny
        // eigenvalues are nearly degenerate; the cap only matters when convergence is slow
        eig.setMaxIterations(10_000);
        if (!eig.decompose(new DMatrixRMaj(cov))) {
            throw new IllegalStateException("eigen-decomposition of the rate covariance failed");
        }
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double l = eig.getEigenvalue(i).getReal();
            s1 += l;
            s2 += l * l;
        }
        return s1 * s1 / s2;
    }

    static double populationVariance(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / x.length;
    }

    private void flush() {
        if (inBlock == 0) {
            return;
        }
        INDArray x = Nd4j.create(java.util.Arrays.copyOf(block, inBlock * n), new long[] {inBlock, n}, 'c')
                .castTo(DataType.DOUBLE);
        INDArray xtx = x.transpose().mmul(x);
        secondMoment = secondMoment == null ? xtx : secondMoment.addi(xtx);
        inBlock = 0;
    }
}
