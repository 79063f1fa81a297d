package org.rnnmemory.dynamics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.nd4j.linalg.api.blas.BlasException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.model.Rngs;

/**
 * Fixed and slow points of the input-free field F(h) = -h + g G tanh(h), in the manner of Sussillo
 * and Barak (2013): minimise q(h) = |F(h)|^2 / 2 from many starting states.
 *
 * <ol>
 *   <li>Starting states: the given states (sampled along memory-period trajectories) plus Gaussian
 *       noise of standard deviation {@code noiseScale} times their root-mean-square component, from a
 *       generator seeded with {@link FinderSettings#seed()}.</li>
 *   <li>First-order stage: Adam on q for every start at once (two [P, N] x [N, N] products per
 *       iteration), keeping each start's lowest-q state.</li>
 *   <li>The candidates, ordered by q, are thinned (closer than 1e-2 sqrt(N) to a lower-q candidate:
 *       the same basin at Adam's resolution) and the first {@code maxPolished} are polished by
 *       Levenberg-Marquardt-damped Newton steps on q with the exact Jacobian and Hessian
 *       ({@link Field#hessian}); a step is taken only if it lowers q.</li>
 *   <li>Classification: q at or below {@code fixedTolerance} is a fixed point; otherwise a point is a
 *       slow point when it is a converged local minimum of q (|grad q| at most
 *       {@code gradientTolerance |F|} and a positive-definite Hessian), and is dropped as unconverged or
 *       as a saddle of q otherwise.</li>
 *   <li>De-duplication at {@code duplicateTolerance sqrt(N)} (lower q kept), then distance outliers
 *       ({@code outlierScale} times the states' mean distance to their centroid) are dropped.</li>
 * </ol>
 *
 * Same field, states and settings give the same points, whatever the number of threads.
 */
public final class FixedPointFinder {
    /** Candidates closer than this times sqrt(N) after the first-order stage count as one basin. */
    static final double BASIN_TOLERANCE = 1e-2;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    /** q below which F is at the level of rounding errors and polishing stops (1/tau^2). */
    static final double ROUNDING_Q = 1e-28;
    /** Damping increases (x10 each) tried before a polish step is given up. */
    static final int MAX_TRIES = 8;

    private FixedPointFinder() {}

    /**
     * What the search found.
     *
     * @param fixed fixed points, ascending q
     * @param slow slow points (local minima of q above the fixed-point tolerance), ascending q
     * @param counts what happened to the starts
     */
    public record Outcome(List<Point> fixed, List<Point> slow, Counts counts) {}

    /**
     * A point and how well it was polished.
     *
     * @param h the state, length N
     * @param q q(h), 1/tau^2
     * @param gradientNorm |grad q(h)|
     * @param minimum whether the Hessian of q is positive definite there
     */
    public record Point(double[] h, double q, double gradientNorm, boolean minimum) {}

    /**
     * Book-keeping of one search.
     *
     * @param starts starting states
     * @param truncated candidates beyond {@code maxPolished} (or in an already polished basin), not polished
     * @param unconverged polished candidates that neither reached the fixed-point tolerance nor converged
     * @param notMinimum converged stationary points of q that are not local minima (saddles of q)
     * @param duplicates points dropped as duplicates
     * @param outliers points dropped as distance outliers
     */
    public record Counts(int starts, int truncated, int unconverged, int notMinimum, int duplicates, int outliers) {}

    /**
     * Searches from the given states.
     *
     * @param field the network's field (input off)
     * @param states sampled states, each of length N
     * @param threads threads for the polishing stage
     */
    public static Outcome find(Field field, double[][] states, FinderSettings s, int threads) {
        double[][] starts = starts(states, s);
        double[][] ends = adam(field, starts, s);
        List<double[]> candidates = basins(field, ends, field.n());
        int polishedCount = Math.min(s.maxPolished(), candidates.size());
        List<Point> polished = polishAll(field, candidates.subList(0, polishedCount), s, threads);
        int unconverged = 0;
        int saddles = 0;
        List<Point> kept = new ArrayList<>();
        for (Point p : polished) {
            boolean fixed = p.q() <= s.fixedTolerance();
            boolean converged = p.gradientNorm() <= s.gradientTolerance() * Math.sqrt(2 * p.q());
            if (fixed || (converged && p.minimum())) {
                kept.add(p);
            } else if (converged) {
                saddles++;
            } else {
                unconverged++;
            }
        }
        kept.sort(Comparator.comparingDouble(Point::q));
        List<Point> unique = deduplicate(kept, s.duplicateTolerance() * Math.sqrt(field.n()));
        List<Point> inliers = withoutOutliers(unique, states, s.outlierScale());
        List<Point> fixed = new ArrayList<>();
        List<Point> slow = new ArrayList<>();
        for (Point p : inliers) {
            (p.q() <= s.fixedTolerance() ? fixed : slow).add(p);
        }
        Counts c = new Counts(starts.length, ends.length - polishedCount, unconverged, saddles,
                kept.size() - unique.size(), unique.size() - inliers.size());
        return new Outcome(fixed, slow, c);
    }

    /** The states plus Gaussian noise (see {@link FinderSettings#noiseScale()}). */
    static double[][] starts(double[][] states, FinderSettings s) {
        double ss = 0;
        long count = 0;
        for (double[] x : states) {
            for (double v : x) {
                ss += v * v;
                count++;
            }
        }
        double sigma = s.noiseScale() * Math.sqrt(ss / Math.max(1, count));
        SplittableRandom rng = Rngs.of(s.seed(), "dynamics.starts");
        double[][] out = new double[states.length][];
        for (int p = 0; p < states.length; p++) {
            out[p] = states[p].clone();
            for (int i = 0; i < out[p].length; i++) {
                out[p][i] += sigma * Rngs.gaussian(rng);
            }
        }
        return out;
    }

    /**
     * Adam on q from every start at once; each start's lowest-q state. The two products per iteration
     * ([P, N] x [N, N]) run in ND4J, the element-wise work in plain Java.
     */
    static double[][] adam(Field field, double[][] starts, FinderSettings s) {
        int p = starts.length;
        int n = field.n();
        int len = p * n;
        INDArray gg = field.gainGNd4j();
        double[] h = new double[len];
        for (int k = 0; k < p; k++) {
            System.arraycopy(starts[k], 0, h, k * n, n);
        }
        double[] r = new double[len];
        double[] m = new double[len];
        double[] v = new double[len];
        double[] f = new double[len];
        INDArray rNd = Nd4j.create(DataType.DOUBLE, p, n);
        INDArray fNd = Nd4j.create(DataType.DOUBLE, p, n);
        INDArray out = Nd4j.create(DataType.DOUBLE, p, n);
        double[][] best = new double[p][];
        double[] bestQ = new double[p];
        java.util.Arrays.fill(bestQ, Double.POSITIVE_INFINITY);
        double lr = s.adamLearningRate();
        for (int t = 0; t <= s.adamIterations(); t++) {
            for (int i = 0; i < len; i++) {
                r[i] = Math.tanh(h[i]);
            }
            rNd.data().setData(r);
            Nd4j.gemm(rNd, gg, out, false, true, 1.0, 0.0);
            double[] prod = out.data().asDouble();
            for (int k = 0; k < p; k++) {
                double q = 0;
                for (int i = k * n; i < (k + 1) * n; i++) {
                    f[i] = prod[i] - h[i];
                    q += f[i] * f[i];
                }
                q *= 0.5;
                if (q < bestQ[k]) {
                    bestQ[k] = q;
                    best[k] = java.util.Arrays.copyOfRange(h, k * n, (k + 1) * n);
                }
            }
            if (t == s.adamIterations()) {
                break;
            }
            fNd.data().setData(f);
            Nd4j.gemm(fNd, gg, out, false, false, 1.0, 0.0);
            double[] back = out.data().asDouble();
            double c1 = 1 - Math.pow(BETA1, t + 1);
            double c2 = 1 - Math.pow(BETA2, t + 1);
            for (int i = 0; i < len; i++) {
                double grad = (1 - r[i] * r[i]) * back[i] - f[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * grad;
                v[i] = BETA2 * v[i] + (1 - BETA2) * grad * grad;
                h[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
            }
        }
        for (int k = 0; k < p; k++) {
            if (best[k] == null) {
                best[k] = starts[k].clone();
            }
        }
        return best;
    }

    /** Candidates ordered by q with those in an already listed basin removed (non-finite q last, dropped). */
    static List<double[]> basins(Field field, double[][] ends, int n) {
        List<double[]> sorted = new ArrayList<>();
        List<Double> qs = new ArrayList<>();
        for (double[] e : ends) {
            double q = field.q(e);
            if (Double.isFinite(q)) {
                sorted.add(e);
                qs.add(q);
            }
        }
        Integer[] order = new Integer[sorted.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(qs::get));
        List<double[]> out = new ArrayList<>();
        double tol = BASIN_TOLERANCE * Math.sqrt(n);
        for (Integer i : order) {
            double[] x = sorted.get(i);
            if (out.stream().noneMatch(y -> distance(x, y) <= tol)) {
                out.add(x);
            }
        }
        return out;
    }

    private static List<Point> polishAll(Field field, List<double[]> candidates, FinderSettings s, int threads) {
        if (threads <= 1 || candidates.size() <= 1) {
            return candidates.stream().map(c -> polish(field, c, s)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, candidates.size()));
        try {
            List<Future<Point>> futures = new ArrayList<>();
            for (double[] c : candidates) {
                futures.add(pool.submit(() -> polish(field, c, s)));
            }
            List<Point> out = new ArrayList<>();
            for (Future<Point> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fixed-point search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("fixed-point search failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Levenberg-Marquardt-damped Newton iterations on q from {@code start}: solve
     * (Hess q + mu 1) d = -grad q by Cholesky, take the step if it lowers q (then mu / 10), else
     * mu x 10. Stops at q <= 1e-28 (rounding level), at a gradient 100 times below the convergence
     * tolerance, when eight damping increases in a row do not lower q, or after {@code polishIterations}.
     */
    public static Point polish(Field field, double[] start, FinderSettings s) {
        int n = field.n();
        double[] h = start.clone();
        double q = field.q(h);
        double mu = -1;
        for (int it = 0; it < s.polishIterations() && q > ROUNDING_Q; it++) {
            double[] grad = field.gradient(h);
            if (Field.norm(grad) <= 0.01 * s.gradientTolerance() * Math.sqrt(2 * q)) {
                break;
            }
            DMatrixRMaj hess = field.hessian(h);
            double scale = Math.max(trace(hess) / n, 1e-300);
            if (mu < 0) {
                mu = 1e-3 * scale;
            }
            boolean accepted = false;
            for (int tries = 0; tries < MAX_TRIES && !accepted; tries++) {
                double[] d = solveShifted(hess, mu, grad);
                if (d == null) {
                    mu *= 10;
                    continue;
                }
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    next[i] = h[i] + d[i];
                }
                double qn = field.q(next);
                if (qn < q) {
                    h = next;
                    q = qn;
                    mu = Math.max(mu / 10, 1e-20 * scale);
                    accepted = true;
                } else {
                    mu *= 10;
                }
            }
            if (!accepted) {
                break;
            }
        }
        double gn = Field.norm(field.gradient(h));
        boolean minimum = solveShifted(field.hessian(h), 0, new double[n]) != null;
        return new Point(h, q, gn, minimum);
    }

    /**
     * Solves (a + mu 1) x = -b by a Cholesky factorisation (LAPACK {@code potrf} through ND4J, or EJML's
     * where the kernel's LAPACK is not trusted, see {@link Lapack}) and two triangular solves; null when the shifted matrix is not positive definite.
     */
    static double[] solveShifted(DMatrixRMaj a, double mu, double[] b) {
        int n = a.numRows;
        double[] m = a.data.clone();
        for (int i = 0; i < n; i++) {
            m[i * n + i] += mu;
        }
        double[] l;
        if (Lapack.AVAILABLE) {
            INDArray nd = Nd4j.create(m, new long[] {n, n}, 'c');
            try {
                Nd4j.getBlasWrapper().lapack().potrf(nd, true);
            } catch (BlasException notPositiveDefinite) {
                return null;
            }
            l = nd.dup('c').data().asDouble();
        } else {
            // the kernel's LAPACK is not trusted (see Lapack): EJML's Cholesky, lower triangle in place
            CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
            DMatrixRMaj shifted = new DMatrixRMaj(n, n, true, m);
            if (!chol.decompose(shifted)) {
                return null;
            }
            l = chol.getT(null).data;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = -b[i];
            int row = i * n;
            for (int k = 0; k < i; k++) {
                s -= l[row + k] * y[k];
            }
            y[i] = s / l[row + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return x;
    }

    private static double trace(DMatrixRMaj a) {
        double t = 0;
        for (int i = 0; i < a.numRows; i++) {
            t += a.get(i, i);
        }
        return t;
    }

    static List<Point> deduplicate(List<Point> sortedByQ, double tol) {
        List<Point> out = new ArrayList<>();
        for (Point p : sortedByQ) {
            if (out.stream().noneMatch(o -> distance(o.h(), p.h()) <= tol)) {
                out.add(p);
            }
        }
        return out;
    }

    static List<Point> withoutOutliers(List<Point> points, double[][] states, double scale) {
        int n = states[0].length;
        double[] centroid = new double[n];
        for (double[] x : states) {
            for (int i = 0; i < n; i++) {
                centroid[i] += x[i] / states.length;
            }
        }
        double mean = 0;
        for (double[] x : states) {
            mean += distance(x, centroid) / states.length;
        }
        double limit = scale * Math.max(mean, 1e-12);
        return points.stream().filter(p -> distance(p.h(), centroid) <= limit).toList();
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
