package org.rnnmemory.analysis;

import org.rnnmemory.eval.Pca;

/**
 * The top principal components of a covariance with a deterministic sign, for projecting
 * trajectories. An eigenvector's sign is arbitrary; here each is flipped so that its dot product
 * with a reference vector (the mean memory-period rate vector) is positive, or, when that product
 * vanishes, so that its largest-magnitude component is positive. Projections are taken about a
 * centre (the same mean), so the silent state r = 0 projects to {@code -centre . e_k}.
 *
 * @param vectors unit vectors, [component][unit]
 * @param centre the point subtracted before projecting
 */
public record PcBasis(double[][] vectors, double[] centre) {

    /** The top {@code k} components of {@code pca} oriented against {@code reference}, centred on it. */
    public static PcBasis of(Pca pca, int k, double[] reference) {
        int m = Math.min(k, pca.size());
        double[][] v = new double[m][];
        double refNorm = Math.sqrt(ReadoutGeometry.dot(reference, reference));
        for (int c = 0; c < m; c++) {
            double[] e = pca.vector(c);
            double s = ReadoutGeometry.dot(e, reference);
            double sign = Math.abs(s) > 1e-12 * refNorm ? Math.signum(s) : largestComponentSign(e);
            for (int i = 0; i < e.length; i++) {
                e[i] *= sign;
            }
            v[c] = e;
        }
        return new PcBasis(v, reference.clone());
    }

    private static double largestComponentSign(double[] e) {
        int arg = 0;
        for (int i = 1; i < e.length; i++) {
            if (Math.abs(e[i]) > Math.abs(e[arg])) {
                arg = i;
            }
        }
        return e[arg] >= 0 ? 1 : -1;
    }

    /** Coordinates of a state: (x - centre) . e_k. */
    public double[] project(double[] x) {
        double[] out = new double[vectors.length];
        for (int c = 0; c < vectors.length; c++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (x[i] - centre[i]) * vectors[c][i];
            }
            out[c] = s;
        }
        return out;
    }

    /** Coordinates of a direction (no centring), for a unit-normalised copy of {@code v}. */
    public double[] direction(double[] v) {
        double norm = Math.sqrt(ReadoutGeometry.dot(v, v));
        double[] out = new double[vectors.length];
        for (int c = 0; c < vectors.length; c++) {
            out[c] = ReadoutGeometry.dot(vectors[c], v) / norm;
        }
        return out;
    }
}
