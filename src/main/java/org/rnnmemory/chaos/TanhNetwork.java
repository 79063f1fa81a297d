package org.rnnmemory.chaos;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.model.Initializer;

/**
 * The input-free network of SPEC section 1 as a discrete map (Euler step, a = dt / tau):
 * {@code h' = (1 - a) h + a g G tanh(h)}, with Jacobian {@code J = (1 - a) I + a g G diag(1 - r^2)},
 * {@code r = tanh(h)}. G is row-major, row i holding the weights into unit i.
 */
public final class TanhNetwork {
    /** Components of h below this magnitude are set to zero (see {@link #step}). */
    static final double FLUSH = 1e-150;

    private final int n;
    private final double[] g;
    private final double gain;
    private final double a;
    private INDArray gNd;

    /** From this many tangent vectors on, their products use ND4J (see {@link Workspace}). */
    static final int ND4J_TANGENTS = 8;

    /**
     * @param weights row-major N x N matrix G (not copied)
     * @param gain recurrent gain g
     * @param a Euler factor dt / tau, in (0, 1]
     */
    public TanhNetwork(double[] weights, int n, double gain, double a) {
        if (weights.length != n * n) {
            throw new IllegalArgumentException("weights must hold N*N = " + n * n + " values, found "
                    + weights.length);
        }
        this.n = n;
        this.g = weights;
        this.gain = gain;
        this.a = a;
    }

    /** The network of a network seed: G from {@link Initializer#recurrent} in double precision. */
    public static TanhNetwork of(int n, long networkSeed, double gain, double a) {
        return new TanhNetwork(Initializer.recurrent(n, networkSeed, DataType.DOUBLE).data().asDouble(), n, gain, a);
    }

    public int size() {
        return n;
    }

    public double gain() {
        return gain;
    }

    /** Euler factor a = dt / tau. */
    public double a() {
        return a;
    }

    double[] weights() {
        return g;
    }

    /**
     * One step of the state and of the tangent vectors {@code v[0..k)} along it:
     * {@code v' = J(h) v}. On entry {@code r = tanh(h)}; on exit h, r and v hold the new values.
     * Components of h smaller than 1e-150 in magnitude are set to exactly zero: this avoids slow
     * subnormal arithmetic when activity decays to the fixed point at the origin and changes
     * nothing measurable (1 - tanh(h)^2 is 1 in double for |h| < 1e-8).
     */
    public void step(double[] h, double[] r, double[][] v, Workspace w) {
        int k = v.length;
        for (int i = 0; i < n; i++) {
            w.d[i] = 1.0 - r[i] * r[i];
        }
        System.arraycopy(r, 0, w.x[0], 0, n);
        if (w.nd4j) {
            MatVec.multiply(g, n, w.x, w.y, 1);
            tangentsNd4j(v, w);
        } else {
            for (int c = 0; c < k; c++) {
                double[] vc = v[c];
                double[] xc = w.x[c + 1];
                for (int i = 0; i < n; i++) {
                    xc[i] = w.d[i] * vc[i];
                }
            }
            MatVec.multiply(g, n, w.x, w.y, k + 1);
        }
        double keep = 1.0 - a;
        double ag = a * gain;
        double[] y0 = w.y[0];
        for (int i = 0; i < n; i++) {
            double hi = keep * h[i] + ag * y0[i];
            h[i] = Math.abs(hi) < FLUSH ? 0.0 : hi;
            r[i] = Math.tanh(h[i]);
        }
        for (int c = 0; c < k; c++) {
            double[] vc = v[c];
            double[] yc = w.y[c + 1];
            for (int i = 0; i < n; i++) {
                vc[i] = keep * vc[i] + ag * yc[i];
            }
        }
    }

    /** G (D v_c) for all tangent vectors as one ND4J matrix product (column-major blocks). */
    private void tangentsNd4j(double[][] v, Workspace w) {
        int k = v.length;
        for (int c = 0; c < k; c++) {
            double[] vc = v[c];
            int off = c * n;
            for (int i = 0; i < n; i++) {
                w.flat[off + i] = w.d[i] * vc[i];
            }
        }
        w.xs.data().setData(w.flat);
        ndWeights().mmuli(w.xs, w.ys);
        double[] out = w.ys.data().asDouble();
        for (int c = 0; c < k; c++) {
            System.arraycopy(out, c * n, w.y[c + 1], 0, n);
        }
    }

    private INDArray ndWeights() {
        if (gNd == null) {
            gNd = Nd4j.create(g, new long[] {n, n}, 'c');
        }
        return gNd;
    }

    /** Scratch space for {@link #step} with k tangent vectors. */
    public Workspace workspace(int k) {
        return new Workspace(n, k);
    }

    /**
     * Scratch arrays of one trajectory (not shared between threads). With {@value #ND4J_TANGENTS}
     * or more tangent vectors their products go through one ND4J (BLAS) matrix product, which
     * measured 2-3 times faster than the plain loops at N = 1000 for 10-30 vectors; the state
     * always uses the plain loop, so the trajectory does not depend on k.
     */
    public static final class Workspace {
        final double[][] x;
        final double[][] y;
        final double[] d;
        final boolean nd4j;
        final double[] flat;
        final INDArray xs;
        final INDArray ys;

        Workspace(int n, int k) {
            nd4j = k >= ND4J_TANGENTS;
            x = new double[nd4j ? 1 : k + 1][n];
            y = new double[k + 1][n];
            d = new double[n];
            flat = nd4j ? new double[n * k] : null;
            xs = nd4j ? Nd4j.create(DataType.DOUBLE, new long[] {n, k}, 'f') : null;
            ys = nd4j ? Nd4j.create(DataType.DOUBLE, new long[] {n, k}, 'f') : null;
        }
    }
}
