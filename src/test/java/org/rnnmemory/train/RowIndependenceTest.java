package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnmemory.io.BlasKernel;

/**
 * Seeds share one [S*B, N] x [N, N] product per step, so a seed's numbers are independent of the
 * shard split only if each row of that product does not depend on the other rows. That holds for
 * OpenBLAS's AVX-512 kernel (SkylakeX, chosen on CPUs with AVX-512): checked here bit for bit on
 * the shapes the engines use. OpenBLAS 0.3.19's Haswell kernel does not have this property (about
 * 10-40% of the floats of a 32-row block differ in the last bit depending on the rows beside it),
 * so on that kernel the split changes results at float32 rounding level.
 */
class RowIndependenceTest {

    @Test
    void eachSeedsRowsOfTheSharedProductAreTheSameWhateverRowsShareIt() {
        String core = BlasKernel.coreName();
        assumeTrue(core.equalsIgnoreCase("SkylakeX"),
                "row independence is a property of the SkylakeX kernel; this JVM uses " + core);
        Nd4j.getRandom().setSeed(7);
        INDArray g = Nd4j.randn(DataType.FLOAT, 500, 500);
        int[][] shapes = {{32, 64}, {32, 320}, {32, 640}, {6, 18}, {8, 24}, {16, 48}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int total = shape[1];
            INDArray x = Nd4j.randn(DataType.FLOAT, total, 500);
            INDArray shared = x.mmul(g);
            for (int s = 0; s < total / rows; s++) {
                INDArray alone = x.get(NDArrayIndex.interval(s * rows, (s + 1) * rows), NDArrayIndex.all()).dup()
                        .mmul(g);
                INDArray block = shared.get(NDArrayIndex.interval(s * rows, (s + 1) * rows), NDArrayIndex.all()).dup();
                assertEquals(0, differing(alone.data().asFloat(), block.data().asFloat()),
                        "block " + s + " of " + rows + " rows in a product of " + total + " rows");
            }
        }
    }

    private static int differing(float[] a, float[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                n++;
            }
        }
        return n;
    }
}
