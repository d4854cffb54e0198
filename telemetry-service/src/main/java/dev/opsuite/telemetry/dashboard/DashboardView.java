package dev.opsuite.telemetry.dashboard;

import dev.opsuite.telemetry.stats.Dashboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the dashboard page shows, with the chart geometry already computed: the template only
 * places SVG shapes, so the page needs no JavaScript at all.
 */
public record DashboardView(
        Dashboard data,
        List<Integer> dayChoices,
        String appFilter,
        String successRate,
        String avgDuration,
        DailyChart daily,
        BarChart topApps,
        BarChart failureRanking,
        BarChart osSplit) {

    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 200;
    static final int ROW_HEIGHT = 22;
    static final int LABEL_WIDTH = 180;
    static final int BAR_SPACE = 440;

    /** One stacked column of the daily chart (success at the bottom, then failed, aborted, other). */
    public record DayColumn(String date, String label, double x, double width, List<Segment> segments, long total) {}

    public record Segment(String kind, double y, double height, long value) {}

    public record DailyChart(List<DayColumn> columns, long max, int width, int height) {}

    /** A labelled horizontal bar (top apps, failure ranking, OS split). */
    public record BarRow(
            String label,
            String value,
            long count,
            double barY,
            double width,
            int labelWidth,
            int textY,
            double valueX) {}

    public record BarChart(List<BarRow> rows, int height) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    public static DashboardView of(Dashboard d, String appFilter) {
        return new DashboardView(
                d,
                List.of(1, 7, 30, 90, 365, 0),
                appFilter == null ? "" : appFilter,
                String.format(Locale.ROOT, "%.2f", d.successRate()),
                d.avgInstallDuration() == null ? "–" : String.format(Locale.ROOT, "%.1f s", d.avgInstallDuration()),
                daily(d.daily()),
                bars(d.topApps().stream()
                        .map(c -> new Item(c.value(), Long.toString(c.count()), c.count()))
                        .toList()),
                bars(d.failureRanking().stream()
                        .map(f -> new Item(
                                f.app(),
                                String.format(Locale.ROOT, "%.2f%% (%d/%d)", f.failureRate(), f.failed(), f.total()),
                                Math.round(f.failureRate() * 100)))
                        .toList()),
                bars(d.osDistribution().stream()
                        .map(c -> new Item(c.value(), Long.toString(c.count()), c.count()))
                        .toList()));
    }

    private record Item(String label, String value, long magnitude) {}

    private static BarChart bars(List<Item> items) {
        long max = items.stream().mapToLong(Item::magnitude).max().orElse(1);
        List<BarRow> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            double width = max == 0 ? 0 : Math.max(1, BAR_SPACE * (double) it.magnitude() / max);
            rows.add(new BarRow(
                    it.label(),
                    it.value(),
                    it.magnitude(),
                    i * ROW_HEIGHT + 3,
                    round(width),
                    LABEL_WIDTH,
                    i * ROW_HEIGHT + 15,
                    round(LABEL_WIDTH + width + 6)));
        }
        return new BarChart(rows, Math.max(ROW_HEIGHT, rows.size() * ROW_HEIGHT));
    }

    private static DailyChart daily(List<Dashboard.DailyPoint> points) {
        long max = points.stream().mapToLong(Dashboard.DailyPoint::total).max().orElse(0);
        List<DayColumn> columns = new ArrayList<>();
        int n = Math.max(1, points.size());
        double slot = (double) CHART_WIDTH / n;
        double width = Math.max(1, slot * 0.8);
        for (int i = 0; i < points.size(); i++) {
            Dashboard.DailyPoint p = points.get(i);
            List<Segment> segments = new ArrayList<>();
            double bottom = CHART_HEIGHT;
            long other = p.total() - p.success() - p.failed() - p.aborted();
            long[] values = {p.success(), p.failed(), p.aborted(), other};
            String[] kinds = {"success", "failed", "aborted", "other"};
            for (int k = 0; k < values.length; k++) {
                if (values[k] <= 0) {
                    continue;
                }
                double h = max == 0 ? 0 : CHART_HEIGHT * (double) values[k] / max;
                bottom -= h;
                segments.add(new Segment(kinds[k], round(bottom), round(h), values[k]));
            }
            columns.add(new DayColumn(
                    p.date(),
                    p.date().substring(5),
                    round(i * slot + (slot - width) / 2),
                    round(width),
                    segments,
                    p.total()));
        }
        return new DailyChart(columns, max, CHART_WIDTH, CHART_HEIGHT);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
