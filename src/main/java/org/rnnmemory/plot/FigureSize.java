package org.rnnmemory.plot;

/**
 * Physical size of a figure. XChart lays a chart out in points (1/72 in); {@link Figures} renders
 * the PNG at {@link Figures#DPI}, so a figure of {@code w} x {@code h} points becomes
 * {@code round(w * DPI / 72)} x {@code round(h * DPI / 72)} pixels.
 *
 * @param widthPt width in points (1/72 in)
 * @param heightPt height in points (1/72 in)
 */
public record FigureSize(int widthPt, int heightPt) {

    /** One journal column, 3.5 x 2.6 in (252 x 187 pt; 1050 x 779 px at 300 dpi). */
    public static final FigureSize COLUMN = inches(3.5, 2.6);
    /** One column, taller (3.5 x 3.2 in), for plots with a legend below. */
    public static final FigureSize COLUMN_TALL = inches(3.5, 3.2);
    /** Full page width (two columns), 7.0 x 2.8 in. */
    public static final FigureSize DOUBLE_COLUMN = inches(7.0, 2.8);
    /** Full page width, short strip (7.0 x 1.5 in), for stacked panels such as time series. */
    public static final FigureSize DOUBLE_COLUMN_STRIP = inches(7.0, 1.5);

    public FigureSize {
        if (widthPt < 36) {
            throw new IllegalArgumentException("width must be >= 36 pt (0.5 in), found " + widthPt);
        }
        if (heightPt < 36) {
            throw new IllegalArgumentException("height must be >= 36 pt (0.5 in), found " + heightPt);
        }
    }

    /** A size given in inches, rounded to whole points. */
    public static FigureSize inches(double width, double height) {
        return new FigureSize((int) Math.round(width * 72), (int) Math.round(height * 72));
    }

    /** Pixel width at the given resolution. */
    public int widthPx(int dpi) {
        return Figures.pixels(widthPt, dpi);
    }

    /** Pixel height at the given resolution. */
    public int heightPx(int dpi) {
        return Figures.pixels(heightPt, dpi);
    }
}
