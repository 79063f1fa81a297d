package org.rnnmemory.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Covariance and its symmetric eigen-decomposition in double precision.
 *
 * @param eigenvalues eigenvalues in descending order
 * @param eigenvectors unit eigenvectors as columns, in the same order ([N, N], row-major)
 */
public record Pca(double[] eigenvalues, double[][] eigenvectors) {

    /**
     * Covariance of the rows of X ([samples, N]) in double precision.
     *
     * @param unbiased divide by n - 1 when true, by n when false
     */
    public static double[][] covariance(INDArray x, boolean unbiased) {
        INDArray d = x.castTo(DataType.DOUBLE);
        long n = d.rows();
        INDArray centred = d.subRowVector(d.mean(0).reshape(1, d.columns()));
        INDArray c = centred.transpose().mmul(centred).divi(unbiased ? n - 1 : n);
        return c.toDoubleMatrix();
    }

    /** Element-wise mean of equally-sized covariance matrices. */
    public static double[][] average(double[][]... cs) {
        int n = cs[0].length;
        double[][] out = new double[n][n];
        for (double[][] c : cs) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += c[i][j] / cs.length;
                }
            }
        }
        return out;
    }

    /**
     * Symmetric eigen-decomposition (EJML), sorted by descending eigenvalue.
     *
     * @throws NonFiniteSimulationException if the covariance holds a NaN or an infinity
     */
    public static Pca of(double[][] cov) {
        int n = cov.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(cov[i][j])) {
                    throw new NonFiniteSimulationException("the rate covariance has a non-finite entry at [" + i + ", "
                            + j + "]: " + cov[i][j]);
                }
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(cov);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("eigen-decomposition of the covariance failed");
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -raw[i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = raw[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v.get(i) * v.get(i);
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v.get(i) / norm;
            }
        }
        return new Pca(values, vectors);
    }

    public int size() {
        return eigenvalues.length;
    }

    /** Unit eigenvector k (0-based) as a new array. */
    public double[] vector(int k) {
        double[] v = new double[size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = eigenvectors[i][k];
        }
        return v;
    }

    /** Projections e_k . v for every k. */
    public double[] project(double[] v) {
        int n = size();
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += eigenvectors[i][k] * v[i];
            }
            c[k] = s;
        }
        return c;
    }

    /** Quadratic form v^T C v rebuilt from the decomposition. */
    public double quadraticForm(double[] v) {
        double[] c = project(v);
        double s = 0;
        for (int k = 0; k < c.length; k++) {
            s += eigenvalues[k] * c[k] * c[k];
        }
        return s;
    }
}
