package io.crmkit.analytics.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts. Every label is escaped; nothing refers outside the document. */
final class Svg {
    static final String BLUE = "#3b6fb6";
    static final String GREEN = "#2e8b57";
    static final String GREY = "#a0a0a0";
    static final String RED = "#c0392b";

    private Svg() {
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Vertical bars with a label under each and the value above. */
    static String bars(String title, List<String> labels, List<Double> values, List<String> valueLabels,
                       List<String> colors) {
        int w = Math.max(320, 40 + 44 * labels.size());
        int h = 220;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder sb = open(title, w, h);
        double plotH = 150;
        double base = 180;
        sb.append(line(30, base, w - 10, base, "#555"));
        for (int i = 0; i < labels.size(); i++) {
            double bh = max == 0 ? 0 : values.get(i) / max * plotH;
            double x = 36 + i * 44;
            sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(base - bh)).append("\" width=\"34\" height=\"")
                    .append(n(bh)).append("\" fill=\"").append(colors.get(i % colors.size())).append("\"/>");
            sb.append(text(x + 17, base + 16, labels.get(i), "middle", 12));
            sb.append(text(x + 17, base - bh - 4, valueLabels.get(i), "middle", 10));
        }
        return sb.append("</svg>").toString();
    }

    /** Horizontal bars, for long labels. */
    static String horizontalBars(String title, List<String> labels, List<Double> values, String color) {
        int w = 560;
        int h = 40 + 24 * labels.size();
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder sb = open(title, w, h);
        for (int i = 0; i < labels.size(); i++) {
            double y = 30 + i * 24;
            double bw = max == 0 ? 0 : values.get(i) / max * 320;
            sb.append(text(170, y + 14, labels.get(i), "end", 12));
            sb.append("<rect x=\"176\" y=\"").append(n(y)).append("\" width=\"").append(n(bw))
                    .append("\" height=\"18\" fill=\"").append(color).append("\"/>");
            sb.append(text(180 + bw, y + 14, String.format(Locale.ROOT, "%.0f", values.get(i)), "start", 11));
        }
        return sb.append("</svg>").toString();
    }

    /** A line through points with labels on the x axis; y from {@code yMin} to {@code yMax}. */
    static String line(String title, List<String> labels, List<Double> values, double yMin, double yMax, String color) {
        int w = Math.max(360, 60 + 60 * labels.size());
        int h = 230;
        double left = 44;
        double right = w - 16;
        double top = 30;
        double bottom = 180;
        StringBuilder sb = open(title, w, h);
        sb.append(line(left, bottom, right, bottom, "#555")).append(line(left, top, left, bottom, "#555"));
        for (int t = 0; t <= 4; t++) {
            double v = yMin + (yMax - yMin) * t / 4;
            double y = bottom - (bottom - top) * t / 4;
            sb.append(line(left - 3, y, right, y, "#e4e4e4"));
            sb.append(text(left - 6, y + 4, String.format(Locale.ROOT, "%.1f", v), "end", 10));
        }
        int n = values.size();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? (left + right) / 2 : left + 12 + (right - left - 24) * i / (n - 1);
            double y = bottom - (bottom - top) * (values.get(i) - yMin) / (yMax - yMin);
            path.append(i == 0 ? "M" : " L").append(n(x)).append(' ').append(n(y));
            sb.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"3\" fill=\"")
                    .append(color).append("\"/>");
            if (n <= 16 || i % ((n + 15) / 16) == 0) {
                sb.append(text(x, bottom + 16, labels.get(i), "middle", 10));
            }
        }
        sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
                .append("\" stroke-width=\"2\"/>");
        return sb.append("</svg>").toString();
    }

    /** The Lorenz curve of revenue: share of revenue against share of customers, best first. */
    static String lorenz(String title, List<Double> cumulative, double topFifthShare, double customersFor80) {
        int w = 420;
        int h = 330;
        double left = 60;
        double size = 240;
        double top = 28;
        StringBuilder sb = open(title, w, h);
        sb.append("<rect x=\"").append(n(left)).append("\" y=\"").append(n(top)).append("\" width=\"").append(n(size))
                .append("\" height=\"").append(n(size)).append("\" fill=\"none\" stroke=\"#555\"/>");
        sb.append(line(left, top + size, left + size, top, "#bbbbbb"));
        StringBuilder path = new StringBuilder();
        int n = cumulative.size();
        for (int i = 0; i < n; i++) {
            double x = left + size * i / Math.max(1, n - 1);
            double y = top + size - size * cumulative.get(i);
            path.append(i == 0 ? "M" : " L").append(n(x)).append(' ').append(n(y));
        }
        sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(BLUE)
                .append("\" stroke-width=\"2\"/>");
        double x20 = left + size * 0.2;
        sb.append(dashed(x20, top, x20, top + size));
        double y80 = top + size * 0.2;
        sb.append(dashed(left, y80, left + size, y80));
        sb.append(text(x20 + 4, top + size - 6, "20% of customers", "start", 10));
        sb.append(text(left + size - 4, y80 - 4, "80% of revenue", "end", 10));
        sb.append(text(left + size / 2, top + size + 18, "share of customers (best first)", "middle", 11));
        sb.append(text(left - 8, top + size + 4, "0", "end", 10)).append(text(left - 8, top + 8, "100%", "end", 10));
        sb.append(text(left + size / 2, top + size + 48, String.format(Locale.ROOT,
                "top 20%%: %.1f%% of revenue; 80%% of revenue: %.1f%% of customers", 100 * topFifthShare,
                100 * customersFor80), "middle", 10));
        return sb.append("</svg>").toString();
    }

    /** One bar split into shares (summing to 1). */
    static String stacked(String title, List<String> labels, List<Double> shares, List<String> colors) {
        int w = 560;
        int h = 80;
        StringBuilder sb = open(title, w, h);
        double x = 10;
        for (int i = 0; i < shares.size(); i++) {
            double bw = 540 * shares.get(i);
            sb.append("<rect x=\"").append(n(x)).append("\" y=\"26\" width=\"").append(n(bw))
                    .append("\" height=\"26\" fill=\"").append(colors.get(i)).append("\"/>");
            if (bw > 60) {
                sb.append("<text x=\"").append(n(x + bw / 2)).append("\" y=\"44\" text-anchor=\"middle\" font-size=\"11\" fill=\"#fff\">")
                        .append(Fmt.xml(labels.get(i))).append("</text>");
            }
            x += bw;
        }
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int w, int h) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\" aria-label=\"")
                .append(Fmt.xml(title)).append("\"><title>").append(Fmt.xml(title)).append("</title>");
        sb.append(text(8, 16, title, "start", 13));
        return sb;
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" stroke=\""
                + color + "\"/>";
    }

    private static String dashed(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2)
                + "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>";
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size + "\">"
                + Fmt.xml(s) + "</text>";
    }
}
