package dev.opsuite.telemetry.stats;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Streams executions straight from a database cursor to the response: rows are fetched in small
 * batches and written as they come, so an export never sits in memory whole.
 */
@ApplicationScoped
public class ExecutionExport {
    private static final int FETCH_SIZE = 500;
    private static final JsonFactory JSON = new JsonFactory();

    public enum Format {
        NDJSON,
        CSV,
        JSON_ARRAY
    }

    private final DataSource dataSource;

    public ExecutionExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes every row of {@code SELECT <columns> FROM executions <where> ORDER BY started_at, execution_id}. */
    public void write(OutputStream out, Format format, String columns, String where, List<Object> params)
            throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + columns + " FROM executions" + where + " ORDER BY started_at, execution_id")) {
                s.setFetchSize(FETCH_SIZE);
                RecordsService.bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    switch (format) {
                        case CSV -> csv(rs, out);
                        case NDJSON -> json(rs, out, false);
                        case JSON_ARRAY -> json(rs, out, true);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("export failed", e));
        }
    }

    private static void json(ResultSet rs, OutputStream out, boolean array) throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (array) {
                g.writeStartArray();
            }
            int rows = 0;
            while (rs.next()) {
                g.writeStartObject();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    g.writeFieldName(md.getColumnLabel(i));
                    Object v = rs.getObject(i);
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Number n) {
                        g.writeNumber(n.longValue());
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeString(text(v));
                    }
                }
                g.writeEndObject();
                if (!array) {
                    g.writeRaw('\n');
                }
                if (++rows % FETCH_SIZE == 0) {
                    g.flush();
                }
            }
            if (array) {
                g.writeEndArray();
            }
        }
    }

    private static void csv(ResultSet rs, OutputStream out) throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            line.append(i > 1 ? "," : "").append(md.getColumnLabel(i));
        }
        out.write(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        int rows = 0;
        while (rs.next()) {
            line.setLength(0);
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (i > 1) {
                    line.append(',');
                }
                Object v = rs.getObject(i);
                if (v != null) {
                    line.append(csvField(text(v)));
                }
            }
            out.write(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (++rows % FETCH_SIZE == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String csvField(String v) {
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String text(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC).toString();
        }
        return v.toString();
    }
}
