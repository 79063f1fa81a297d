package org.rnnmemory.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The eager simulator and the SameDiff graph against the plain-Java double Euler loop. */
class ForwardOracleTest {
    static final int N = 24;
    static final int T = 60;
    static final ModelParams P = new ModelParams(N, 10.0, 1.0, 1.5);

    static CtrnnWeights net(DataType type) {
        CtrnnWeights w = Initializer.network(P, 7, 3, false, DataType.DOUBLE);
        INDArray h0 = Initializer.randomState(N, 5, DataType.DOUBLE).muli(0.5);
        return new CtrnnWeights(P, w.G(), w.I(), w.w(), h0).castTo(type);
    }

    static float[][] inputs(int b) {
        SplittableRandom rng = new SplittableRandom(11);
        float[][] u = new float[b][T];
        for (int i = 0; i < b; i++) {
            int on = 5 + rng.nextInt(20);
            for (int t = on; t <= on + 3 + i; t++) {
                u[i][t] = 2f;
            }
        }
        return u;
    }

    static double[] oracle(CtrnnWeights w, float[] u) {
        CtrnnWeights d = w.castTo(DataType.DOUBLE);
        return new ReferenceEuler(d.G().toDoubleMatrix(), d.I().data().asDouble(), d.w().data().asDouble(),
                P.gain(), P.alpha()).run(d.h0().data().asDouble(), u);
    }

    void simulatorMatches(DataType type, double tol) {
        CtrnnWeights w = net(type);
        float[][] u = inputs(3);
        Simulator sim = new Simulator(w);
        double[][] z = sim.run(u, sim.repeatState(w.h0(), 3), 0, 0).z();
        for (int i = 0; i < 3; i++) {
            double[] want = oracle(w, u[i]);
            for (int t = 0; t < T; t++) {
                assertEquals(want[t], z[i][t], tol, "trial " + i + " step " + t);
            }
        }
    }

    @Test
    void simulatorFloat64() {
        simulatorMatches(DataType.DOUBLE, 1e-10);
    }

    @Test
    void simulatorFloat32() {
        simulatorMatches(DataType.FLOAT, 1e-5);
    }

    void graphMatches(DataType type, double tol) {
        CtrnnWeights w = net(type);
        int b = 3;
        float[][] u = inputs(b);
        CtrnnGraph g = CtrnnGraph.build(P, w.G(), w.I().reshape(1, N), w.w().reshape(1, N), b, T, true, true, type);
        g.setStart(Nd4j.zeros(type, b, N).addiRowVector(w.h0().reshape(1, N)));
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("u", Nd4j.createFromArray(u).castTo(type));
        ph.put("y", Nd4j.zeros(type, b, T));
        ph.put("lw", Nd4j.zeros(type, b, T));
        ph.put("lambda", Nd4j.zeros(type, b, N));
        double[][] z = g.sameDiff().output(ph, "z").get("z").castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < b; i++) {
            double[] want = oracle(w, u[i]);
            for (int t = 0; t < T; t++) {
                assertEquals(want[t], z[i][t], tol, "trial " + i + " step " + t);
            }
        }
    }

    @Test
    void sameDiffGraphFloat64() {
        graphMatches(DataType.DOUBLE, 1e-10);
    }

    @Test
    void sameDiffGraphFloat32() {
        graphMatches(DataType.FLOAT, 1e-5);
    }
}
