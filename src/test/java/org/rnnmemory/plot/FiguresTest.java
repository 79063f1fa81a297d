package org.rnnmemory.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class FiguresTest {

    @TempDir
    Path dir;

    static XYChart sample(FigureSize size) {
        XYChart c = HouseStyle.xy(size, "sample", "gain g", "λ_max (1/τ)");
        double[] x = {0.5, 1, 1.5, 2, 3};
        HouseStyle.errorBars(c, "mean ± sd", x, new double[] {-0.5, 0, 0.05, 0.1, 0.2},
                new double[] {0.01, 0.02, 0.01, 0.01, 0.02}, Palette.BLUE);
        HouseStyle.thin(c.addSeries("thin", x, new double[] {-0.4, 0.1, 0.1, 0.2, 0.3}), Palette.GREY);
        HouseStyle.markers(c.addSeries("reference", x, new double[] {-0.5, 0, 0.0467, 0.1125, 0.2355}),
                SeriesMarkers.DIAMOND, Palette.VERMILLION);
        HouseStyle.hline(c, "zero", 0.5, 3, 0);
        return c;
    }

    @Test
    void pngHasThePixelSizeOfTheFigureAt300DpiAndRecordsTheResolution() throws Exception {
        List<Path> files = Figures.save(sample(FigureSize.COLUMN), dir.resolve("fig"));
        assertEquals(List.of(dir.resolve("fig.png"), dir.resolve("fig.svg")), files);
        BufferedImage img = ImageIO.read(dir.resolve("fig.png").toFile());
        assertEquals(1050, img.getWidth());
        assertEquals(Math.round(187 * 300 / 72.0), img.getHeight());
        assertEquals(FigureSize.COLUMN.heightPx(300), img.getHeight());
        assertEquals(0xFFFFFFFF, img.getRGB(0, 0), "white background");
        assertTrue(countNonWhite(img) > 1000, "the chart was drawn");
        assertEquals(300.0, pngDpi(dir.resolve("fig.png")), 0.5);
    }

    @Test
    void svgIsWellFormedXmlWithAnSvgRootOfThePointSize() throws Exception {
        Figures.save(sample(FigureSize.COLUMN), dir.resolve("fig"));
        Element root = parseXml(dir.resolve("fig.svg"));
        assertEquals("svg", root.getLocalName() == null ? root.getTagName() : root.getLocalName());
        assertTrue(root.getAttribute("width").startsWith("252"), root.getAttribute("width"));
        assertTrue(root.getAttribute("height").startsWith("187"), root.getAttribute("height"));
        assertTrue(root.getElementsByTagNameNS("*", "path").getLength() > 20, "the chart was drawn as vector paths");
    }

    @Test
    void gridStacksPanelsAndLeavesNoTemporaryFiles() throws Exception {
        XYChart a = sample(FigureSize.DOUBLE_COLUMN_STRIP);
        XYChart b = sample(FigureSize.DOUBLE_COLUMN_STRIP);
        XYChart c = sample(FigureSize.DOUBLE_COLUMN_STRIP);
        Figures.saveGrid(List.of(a, b, c), 1, dir.resolve("grid"));
        BufferedImage img = ImageIO.read(dir.resolve("grid.png").toFile());
        assertEquals(2100, img.getWidth());
        assertEquals(Figures.pixels(3 * 108, 300), img.getHeight());
        Figures.saveGrid(List.of(a, b, c), 2, dir.resolve("grid2"));
        BufferedImage img2 = ImageIO.read(dir.resolve("grid2.png").toFile());
        assertEquals(2 * 2100, img2.getWidth());
        assertEquals(Figures.pixels(2 * 108, 300), img2.getHeight());
        assertEquals("svg", parseXml(dir.resolve("grid2.svg")).getTagName());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("grid.png", "grid.svg", "grid2.png", "grid2.svg"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void logAxesAndASecondYAxisRender() throws Exception {
        XYChart c = HouseStyle.xy(FigureSize.COLUMN, "", "gain g", "PR / N");
        double[] x = {1.25, 1.5, 2, 3};
        HouseStyle.bold(c.addSeries("PR/N", x, new double[] {0.0015, 0.0062, 0.0197, 0.0447}), Palette.BLUE);
        XYSeries right = HouseStyle.bold(c.addSeries("Δ0", x, new double[] {0.316, 0.748, 1.925, 5.446}),
                Palette.VERMILLION);
        HouseStyle.logY(c, 0.0015, 0.0447);
        HouseStyle.secondaryY(c, "Δ0", right);
        assertEquals(1, right.getYAxisGroup());
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertEquals(0.001, c.getStyler().getYAxisMin(), 1e-15);
        assertEquals(0.1, c.getStyler().getYAxisMax(), 1e-15);
        Figures.save(c, dir.resolve("two-axes"));
        BufferedImage img = ImageIO.read(dir.resolve("two-axes.png").toFile());
        assertEquals(1050, img.getWidth());
        assertTrue(countNonWhite(img) > 1000);
    }

    @Test
    void sizesAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FigureSize(10, 100));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Figures.saveGrid(List.of(), 1, dir.resolve("x")));
        assertFalse(Files.exists(dir.resolve("x.png")));
        assertEquals(2100, FigureSize.DOUBLE_COLUMN.widthPx(300));
    }

    static int countNonWhite(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    static Element parseXml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    /** Horizontal resolution from the PNG pHYs chunk. */
    static double pngDpi(Path png) throws Exception {
        try (InputStream in = Files.newInputStream(png); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            ImageReader reader = ImageIO.getImageReaders(iis).next();
            reader.setInput(iis);
            IIOMetadata meta = reader.getImageMetadata(0);
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("pHYs")) {
                    Element e = (Element) n;
                    return Double.parseDouble(e.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
                }
            }
            reader.dispose();
            return Double.NaN;
        }
    }

    @Test
    void aLegendAboveTheDataHidesNone() {
        for (boolean log : new boolean[] {false, true}) {
            XYChart c = HouseStyle.xy(FigureSize.COLUMN, "", "x", "y");
            double[] x = new double[41];
            double[] y = new double[41];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = log ? Math.pow(10, -3 + 3 * (i % 2)) : i % 2;
            }
            XYSeries data = HouseStyle.thin(c.addSeries("data", x, y), new java.awt.Color(255, 0, 0));
            data.setLineStyle(new java.awt.BasicStroke(3f));
            data.setShowInLegend(false);
            for (String name : new String[] {"first", "second", "third"}) {
                HouseStyle.thin(c.addSeries(name, new double[] {0}, new double[] {y[0]}), new java.awt.Color(0, 0, 255))
                        .setLineStyle(new java.awt.BasicStroke(3f));
            }
            if (log) {
                HouseStyle.logY(c);
            }
            HouseStyle.legendAbove(c, org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
            BufferedImage img = Figures.render(c, 144);
            int topRed = Integer.MAX_VALUE;
            int bottomBlue = -1;
            for (int row = 0; row < img.getHeight(); row++) {
                for (int col = 0; col < img.getWidth(); col++) {
                    java.awt.Color px = new java.awt.Color(img.getRGB(col, row));
                    if (px.getRed() > 200 && px.getGreen() < 80 && px.getBlue() < 80) {
                        topRed = Math.min(topRed, row);
                    } else if (px.getBlue() > 200 && px.getRed() < 80 && px.getGreen() < 80) {
                        bottomBlue = Math.max(bottomBlue, row);
                    }
                }
            }
            assertTrue(bottomBlue > 0 && topRed < Integer.MAX_VALUE, "both drawn");
            assertTrue(bottomBlue + 6 < topRed, (log ? "log" : "linear") + " axis: the legend's last entry ends at row "
                    + bottomBlue + ", the data start at row " + topRed);
        }
    }
}
