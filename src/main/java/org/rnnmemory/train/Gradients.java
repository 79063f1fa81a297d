package org.rnnmemory.train;

/**
 * Training loss and its gradients for every seed of a batch.
 *
 * @param loss training loss per seed [S]
 * @param gradInput dL/dI per seed [S][N]
 * @param gradReadout dL/dw per seed [S][N]
 * @param simulatedSteps steps simulated (trial length minus the skipped all-zero prefix)
 */
public record Gradients(double[] loss, double[][] gradInput, double[][] gradReadout, int simulatedSteps) {

    /** L2 norm of a gradient row. */
    public static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
