package org.rnnmemory.dynamics;

/**
 * What a linear readout needs from one noise-free trial: over the T steps of its evaluation window
 * (the steps with target y > 0), the Gram matrix of the rates and their sum. The mean squared error
 * of any readout w over the window follows exactly:
 * {@code loss(w) = (w^T Gram w - 2 y w.sum + T y^2) / T}.
 *
 * @param durationMs pulse duration, ms
 * @param gram sum over the window of r r^T, row-major N x N
 * @param sum sum over the window of r, length N
 * @param steps T, steps in the window
 * @param target the (constant) target y over the window
 */
public record WindowStats(int durationMs, double[] gram, double[] sum, int steps, double target) {

    public WindowStats {
        int n = sum.length;
        if (gram.length != n * n) {
            throw new IllegalArgumentException("Gram matrix must be N x N for N = " + n + ", found " + gram.length
                    + " values");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("the evaluation window of a " + durationMs + " ms pulse is empty");
        }
    }

    public int n() {
        return sum.length;
    }

    /** Mean squared error of the readout w over the window. */
    public double loss(double[] w) {
        int n = n();
        double quad = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += gram[row + k] * w[k];
            }
            quad += w[i] * s;
        }
        double lin = Field.dot(w, sum);
        return Math.max(0, (quad - 2 * target * lin + steps * target * target) / steps);
    }
}
