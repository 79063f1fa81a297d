package org.rnnmemory.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnmemory.io.AtomicFiles;

/**
 * Writes XChart charts as {@code <path>.png} (at {@link #DPI}, with the resolution recorded in the
 * PNG) and {@code <path>.svg} (VectorGraphics2D), each atomically. Rendering is headless. Charts are
 * laid out in points; the PNG has {@code round(pt * DPI / 72)} pixels per side.
 */
public final class Figures {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Resolution of the PNG files. */
    public static final int DPI = 300;

    private Figures() {}

    /** Writes {@code <base>.png} and {@code <base>.svg}; returns the two paths. */
    public static List<Path> save(Chart<?, ?> chart, Path base) {
        return saveGrid(List.of(chart), 1, base);
    }

    /**
     * Writes several charts as one figure, laid out row by row in {@code columns} columns; every
     * chart keeps its own size and a row is as tall as its tallest chart.
     */
    public static List<Path> saveGrid(List<? extends Chart<?, ?>> panels, int columns, Path base) {
        Grid grid = Grid.of(panels, columns);
        Path png = sibling(base, ".png");
        Path svg = sibling(base, ".svg");
        AtomicFiles.write(png, out -> writePng(render(grid, DPI), DPI, out));
        AtomicFiles.write(svg, out -> writeSvg(grid, out));
        return List.of(png, svg);
    }

    /** Renders one chart into an RGB image at the given resolution. */
    public static BufferedImage render(Chart<?, ?> chart, int dpi) {
        return render(Grid.of(List.of(chart), 1), dpi);
    }

    /** Pixels for a length in points at the given resolution. */
    public static int pixels(int points, int dpi) {
        return (int) Math.round(points * (double) dpi / 72.0);
    }

    static BufferedImage render(Grid grid, int dpi) {
        int w = pixels(grid.widthPt(), dpi);
        int h = pixels(grid.heightPt(), dpi);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(w / (double) grid.widthPt(), h / (double) grid.heightPt());
            grid.paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG with a pHYs chunk recording the resolution. */
    static void writePng(BufferedImage img, int dpi, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromBufferedImageType(img.getType()), param);
            String perMetre = Integer.toString((int) Math.round(dpi / 0.0254));
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", perMetre);
            phys.setAttribute("pixelsPerUnitYAxis", perMetre);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            meta.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    static void writeSvg(Grid grid, OutputStream out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.widthPt(), grid.heightPt());
        grid.paint(g);
        Document doc = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, grid.widthPt(), grid.heightPt()));
        doc.writeTo(out);
    }

    private static Path sibling(Path base, String extension) {
        return base.resolveSibling(base.getFileName().toString() + extension);
    }
}
