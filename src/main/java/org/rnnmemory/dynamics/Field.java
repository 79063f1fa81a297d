package org.rnnmemory.dynamics;

import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.model.CtrnnWeights;

/**
 * The continuous-time field of one network, in float64. With the state h (length N, dimensionless
 * like the model's state) and a scalar input u,
 *
 * <pre>
 *   tau dh/dt = F(h) = -h + g G tanh(h) + I u                      (units of 1/tau)
 *   J(h) = dF/dh = -1 + g G diag(1 - tanh(h)^2)                    (N x N, units of 1/tau)
 *   q(h) = |F(h)|^2 / 2  with u = 0                                (units of 1/tau^2)
 *   grad q = J^T F,   Hess q = J^T J + diag(tanh''(h) * (g G)^T F)
 * </pre>
 *
 * with tanh''(x) = -2 tanh(x) (1 - tanh(x)^2). The Euler update of SPEC section 1 is
 * {@code h <- h + (dt/tau) F(h)}, so a state's speed is {@code |F| / tau}. G is row-major, row i holding
 * the weights into unit i; the gain g is folded in once.
 */
public final class Field {
    private final int n;
    private final double[] gg;
    private final double[] input;
    private final double[] readout;
    private final double tauMs;
    private final double gain;
    private INDArray ggNd;
    private double[] ggtGg;

    private Field(int n, double[] gg, double[] input, double[] readout, double tauMs, double gain) {
        this.n = n;
        this.gg = gg;
        this.input = input;
        this.readout = readout;
        this.tauMs = tauMs;
        this.gain = gain;
    }

    /** The field of a network (G, I, w, tau and g; h0 plays no role). */
    public static Field of(CtrnnWeights w) {
        int n = w.n();
        double g = w.params().gain();
        double[] gg = w.G().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < gg.length; i++) {
            gg[i] *= g;
        }
        return new Field(n, gg, w.I().castTo(DataType.DOUBLE).data().asDouble(),
                w.w().castTo(DataType.DOUBLE).data().asDouble(), w.params().tauMs(), g);
    }

    /**
     * A field from plain arrays.
     *
     * @param gainG g G, row-major N x N (gain folded in; not copied)
     * @param input I, length N
     * @param readout w, length N
     * @param tauMs tau, ms
     * @param gain g (reported only; already folded into {@code gainG})
     */
    public static Field of(double[] gainG, double[] input, double[] readout, double tauMs, double gain) {
        int n = input.length;
        if (gainG.length != n * n || readout.length != n) {
            throw new IllegalArgumentException("g G must be N x N and w of length N for N = " + n + ", found "
                    + gainG.length + " and " + readout.length + " values");
        }
        return new Field(n, gainG, input.clone(), readout.clone(), tauMs, gain);
    }

    /** The same recurrent weights and readout with other input weights. */
    public Field withInput(double[] newInput) {
        if (newInput.length != n) {
            throw new IllegalArgumentException("input weights need " + n + " values, found " + newInput.length);
        }
        Field f = new Field(n, gg, newInput.clone(), readout, tauMs, gain);
        f.ggNd = ggNd;
        f.ggtGg = ggtGg;
        return f;
    }

    public int n() {
        return n;
    }

    public double tauMs() {
        return tauMs;
    }

    public double gain() {
        return gain;
    }

    /** I, length N (a copy). */
    public double[] input() {
        return input.clone();
    }

    /** w, length N (a copy). */
    public double[] readout() {
        return readout.clone();
    }

    /** g G, row-major N x N (shared, do not modify). */
    double[] gainG() {
        return gg;
    }

    /** g G as an N x N ND4J array in float64 (shared, do not modify), for batched products. */
    synchronized INDArray gainGNd4j() {
        if (ggNd == null) {
            ggNd = Nd4j.create(gg, new long[] {n, n}, 'c');
        }
        return ggNd;
    }

    /** F(h) with input {@code u}. */
    public double[] velocity(double[] h, double u) {
        double[] r = tanh(h);
        double[] f = multiply(r);
        for (int i = 0; i < n; i++) {
            f[i] += -h[i] + input[i] * u;
        }
        return f;
    }

    /** F(h) with the input off. */
    public double[] velocity(double[] h) {
        return velocity(h, 0);
    }

    /** q(h) = |F(h)|^2 / 2 with the input off. */
    public double q(double[] h) {
        double[] f = velocity(h);
        return 0.5 * dot(f, f);
    }

    /** Speed |F(h)| / tau with the input off, per second. */
    public double speedPerSecond(double[] h) {
        return Math.sqrt(2 * q(h)) / tauMs * 1000.0;
    }

    /** The output w . tanh(h). */
    public double output(double[] h) {
        return dot(readout, tanh(h));
    }

    /** J(h) = -1 + g G diag(1 - tanh(h)^2), N x N. */
    public DMatrixRMaj jacobian(double[] h) {
        double[] d = slopes(h);
        DMatrixRMaj j = new DMatrixRMaj(n, n);
        double[] a = j.data;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int k = 0; k < n; k++) {
                a[row + k] = gg[row + k] * d[k];
            }
            a[row + i] -= 1.0;
        }
        return j;
    }

    /** grad q(h) = J(h)^T F(h) with the input off. */
    public double[] gradient(double[] h) {
        double[] f = velocity(h);
        double[] d = slopes(h);
        double[] gtf = multiplyTransposed(f);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = -f[k] + d[k] * gtf[k];
        }
        return out;
    }

    /**
     * The Hessian of q at h: J^T J + diag(tanh''(h) (g G)^T F). With M = g G diag(d), d = 1 - tanh(h)^2,
     * J^T J = 1 - M - M^T + diag(d) (g G)^T (g G) diag(d), so each call costs O(N^2) once (g G)^T (g G) is known.
     */
    public DMatrixRMaj hessian(double[] h) {
        double[] p = gramOfGainG();
        double[] f = velocity(h);
        double[] r = tanh(h);
        double[] d = slopes(h);
        double[] gtf = multiplyTransposed(f);
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        double[] a = out.data;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int k = 0; k < n; k++) {
                a[row + k] = d[i] * p[row + k] * d[k] - gg[row + k] * d[k] - gg[k * n + i] * d[i];
            }
            a[row + i] += 1.0 - 2.0 * r[i] * d[i] * gtf[i];
        }
        return out;
    }

    /** (g G)^T (g G), row-major, computed on first use. */
    private synchronized double[] gramOfGainG() {
        if (ggtGg == null) {
            INDArray m = gainGNd4j();
            INDArray p = Nd4j.createUninitialized(DataType.DOUBLE, n, n);
            Nd4j.gemm(m, m, p, true, false, 1.0, 0.0);
            ggtGg = p.dup('c').data().asDouble();
        }
        return ggtGg;
    }

    /** (g G) x. */
    double[] multiply(double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double s0 = 0;
            double s1 = 0;
            int k = 0;
            for (; k + 1 < n; k += 2) {
                s0 += gg[row + k] * x[k];
                s1 += gg[row + k + 1] * x[k + 1];
            }
            if (k < n) {
                s0 += gg[row + k] * x[k];
            }
            y[i] = s0 + s1;
        }
        return y;
    }

    /** (g G)^T x. */
    double[] multiplyTransposed(double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double xi = x[i];
            for (int k = 0; k < n; k++) {
                y[k] += gg[row + k] * xi;
            }
        }
        return y;
    }

    static double[] tanh(double[] h) {
        double[] r = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            r[i] = Math.tanh(h[i]);
        }
        return r;
    }

    /** 1 - tanh(h)^2 per unit. */
    static double[] slopes(double[] h) {
        double[] d = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            double r = Math.tanh(h[i]);
            d[i] = 1.0 - r * r;
        }
        return d;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
