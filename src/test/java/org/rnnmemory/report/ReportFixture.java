package org.rnnmemory.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.rnnmemory.analysis.stats.BootstrapCi;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.MannWhitney;
import org.rnnmemory.analysis.stats.StatTable;
import tech.tablesaw.api.Table;

/** A report that uses every block type, with a statistics table and two generated PNGs. */
final class ReportFixture {
    static final double[] X = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
    static final double[] Y1 = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
    static final double[] Y2 = {9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74};
    static final double[] Y3 = {7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, Double.NaN};

    private ReportFixture() {}

    /** Pearson, Spearman and bootstrap CI of three y variables against x; one has a NaN. */
    static Table correlations() {
        StatTable st = new StatTable("correlations", "metric");
        st.add("y1", Correlation.pearson(X, Y1), Correlation.spearman(X, Y1), BootstrapCi.pearson(X, Y1, 10_000, 1, 0.95));
        st.add("y2", Correlation.pearson(X, Y2), Correlation.spearman(X, Y2), BootstrapCi.pearson(X, Y2, 10_000, 1, 0.95));
        st.add("y3", Correlation.pearson(X, Y3), Correlation.spearman(X, Y3), BootstrapCi.pearson(X, Y3, 10_000, 1, 0.95));
        return st.toTable();
    }

    /** A table with a NaN (missing) double and a string column. */
    static Table groups() {
        StatTable st = new StatTable("groups", "comparison");
        st.add("a | b", MannWhitney.test(new double[] {19, 22, 16, 29, 24}, new double[] {20, 11, 17, 12}));
        st.add("tied", MannWhitney.test(new double[] {2, 2, 2}, new double[] {2, 2}));
        return st.toTable();
    }

    static Path png(Path dir, String name, int width, int height, Color color) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(color);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static Report report(Path dir) throws IOException {
        Table corr = correlations();
        double r = corr.doubleColumn("pearson_r").get(0);
        return Report.builder("Memory analysis")
                .heading(2, "Correlations")
                .paragraph("Across " + Numbers.format(11) + " seeds, r = " + Numbers.format(r)
                        + " for `y1` (see [the table](#correlations)).\n\n- **bold** item\n- *italic* item")
                .table(corr, "Correlation of each y with x.")
                .figure(png(dir, "scatter.png", 80, 60, Color.BLUE), "Scatter of y1 against x.")
                .heading(3, "Group comparison")
                .table(groups(), "Mann-Whitney tests.", "pd.DataFrame({\"comparison\": [\"a | b\", \"tied\"]})")
                .figure(png(dir, "groups.png", 40, 30, Color.RED), "Groups.", "Image(filename=\"figures/groups.png\", width=40)")
                .code("u = sum(m > f for m in [19, 22, 16, 29, 24] for f in [20, 11, 17, 12])\nu", "17\n")
                .code("print(\"```\")", "```")
                .code("unused = 0", "")
                .build();
    }
}
