package org.rnnmemory.train;

/**
 * Adam (Kingma and Ba 2015) in the form PyTorch implements, element-wise on one parameter vector:
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 * Being element-wise, updating seeds side by side equals updating each alone.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final double lr;
    private final double[] m;
    private final double[] v;
    private int t;

    public Adam(double learningRate, int size) {
        this(learningRate, new double[size], new double[size], 0);
    }

    /** Restores a state (from a checkpoint). */
    public Adam(double learningRate, double[] m, double[] v, int t) {
        this.lr = learningRate;
        this.m = m;
        this.v = v;
        this.t = t;
    }

    /**
     * Updates {@code p} in place.
     *
     * @param roundToFloat keep the parameters float32-representable (float32 models)
     */
    public void step(double[] p, double[] g, boolean roundToFloat) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < p.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            double next = p[i] - lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
            p[i] = roundToFloat ? (float) next : next;
        }
    }

    public double[] m() {
        return m;
    }

    public double[] v() {
        return v;
    }

    public int steps() {
        return t;
    }
}
