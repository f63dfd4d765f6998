package org.custodian.analytics.internal;

import java.util.List;
import java.util.Locale;
import org.custodian.analytics.Metric;
import org.custodian.analytics.internal.MetricRegistry.NamedRow;
import org.custodian.analytics.internal.MetricRegistry.Point;
import org.custodian.analytics.internal.MetricRegistry.Series;

/** CSV (RFC 4180) of a series and of the records behind a figure; a cell a spreadsheet would run as a formula is quoted inert. */
final class Csv {

    private Csv() {
    }

    static String series(Metric metric, Series series) {
        StringBuilder out = new StringBuilder("metric,period_start,period_end,value,unit\r\n");
        for (Point p : series.points()) {
            out.append(cell(metric.id())).append(',').append(p.from()).append(',').append(p.to()).append(',')
                    .append(p.value() == null ? "" : String.format(Locale.US, "%.4f", p.value())).append(',')
                    .append(cell(metric.unit().name().toLowerCase(Locale.ROOT))).append("\r\n");
        }
        return out.toString();
    }

    static String records(List<NamedRow> rows) {
        StringBuilder out = new StringBuilder("patient_name,mrn,visit_number,item,detail,date\r\n");
        for (NamedRow r : rows) {
            out.append(cell(r.patientName())).append(',').append(cell(r.mrn())).append(',').append(cell(r.visitNumber()))
                    .append(',').append(cell(r.item())).append(',').append(cell(r.detail())).append(',')
                    .append(r.date() == null ? "" : r.date().toString()).append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
