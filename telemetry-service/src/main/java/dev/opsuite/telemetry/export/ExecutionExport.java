package dev.opsuite.telemetry.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.opsuite.telemetry.domain.DatabaseException;
import dev.opsuite.telemetry.domain.Execution;
import dev.opsuite.telemetry.domain.ExecutionFilter;
import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.ExecutionSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams executions straight from a database cursor to the response: rows are fetched in small
 * batches and written as they come, so an export never sits in memory whole.
 */
@ApplicationScoped
public class ExecutionExport {
    private static final int FLUSH_EVERY = 500;
    private static final JsonFactory JSON = new JsonFactory();

    /** The columns of {@code GET /api/v1/telemetry/export}. */
    public static final List<ExportColumn> COLUMNS = List.of(
            ExportColumn.of("execution_id", Execution::executionId),
            ExportColumn.of("type", Execution::type),
            ExportColumn.of("nsapp", Execution::nsapp),
            ExportColumn.of("status", e -> e.status().value()),
            ExportColumn.of("current_step", Execution::currentStep),
            ExportColumn.of("os_type", Execution::osType),
            ExportColumn.of("os_version", Execution::osVersion),
            ExportColumn.of("pve_version", Execution::pveVersion),
            ExportColumn.of("method", Execution::method),
            ExportColumn.of("exit_code", Execution::exitCode),
            ExportColumn.of("error_category", Execution::errorCategory),
            ExportColumn.of("install_duration", Execution::installDuration),
            ExportColumn.of("repo_source", Execution::repoSource),
            ExportColumn.of("ct_type", Execution::ctType),
            ExportColumn.of("disk_size", Execution::diskSize),
            ExportColumn.of("core_count", Execution::coreCount),
            ExportColumn.of("ram_size", Execution::ramSize),
            ExportColumn.of("gpu_vendor", Execution::gpuVendor),
            ExportColumn.of("gpu_passthrough", Execution::gpuPassthrough),
            ExportColumn.of("cpu_vendor", Execution::cpuVendor),
            ExportColumn.of("arch", Execution::arch),
            ExportColumn.of("platform", Execution::platform),
            ExportColumn.of("app_version", Execution::appVersion),
            ExportColumn.of("created", Execution::startedAt),
            ExportColumn.of("finished_at", Execution::finishedAt),
            ExportColumn.of("error", Execution::error));

    public enum Format {
        NDJSON,
        CSV,
        JSON_ARRAY
    }

    private final ExecutionRepository executions;

    public ExecutionExport(ExecutionRepository executions) {
        this.executions = executions;
    }

    /** Writes the filtered executions, oldest start first, with these columns. */
    public void write(OutputStream out, Format format, List<ExportColumn> columns, ExecutionFilter filter)
            throws IOException {
        try {
            switch (format) {
                case CSV -> csv(out, columns, filter);
                case NDJSON -> json(out, columns, filter, false);
                case JSON_ARRAY -> json(out, columns, filter, true);
            }
        } catch (DatabaseException e) {
            throw new UncheckedIOException(new IOException("export failed", e));
        }
    }

    private void json(OutputStream out, List<ExportColumn> columns, ExecutionFilter filter, boolean array)
            throws IOException {
        executions.stream(filter, new ExecutionSink() {
            private JsonGenerator g;
            private int rows;

            @Override
            public void begin() throws IOException {
                g = JSON.createGenerator(out, JsonEncoding.UTF8);
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                if (array) {
                    g.writeStartArray();
                }
            }

            @Override
            public void accept(Execution e) throws IOException {
                g.writeStartObject();
                for (ExportColumn column : columns) {
                    g.writeFieldName(column.name());
                    Object v = column.value().apply(e);
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Number n) {
                        g.writeNumber(n.longValue());
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
                if (!array) {
                    g.writeRaw('\n');
                }
                if (++rows % FLUSH_EVERY == 0) {
                    g.flush();
                }
            }

            @Override
            public void end() throws IOException {
                if (array) {
                    g.writeEndArray();
                }
                g.close();
            }
        });
    }

    private void csv(OutputStream out, List<ExportColumn> columns, ExecutionFilter filter) throws IOException {
        StringBuilder line = new StringBuilder();
        executions.stream(filter, new ExecutionSink() {
            private int rows;

            @Override
            public void begin() throws IOException {
                for (int i = 0; i < columns.size(); i++) {
                    line.append(i > 0 ? "," : "").append(columns.get(i).name());
                }
                out.write(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void accept(Execution e) throws IOException {
                line.setLength(0);
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    Object v = columns.get(i).value().apply(e);
                    if (v != null) {
                        line.append(csvField(v.toString()));
                    }
                }
                out.write(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
                if (++rows % FLUSH_EVERY == 0) {
                    out.flush();
                }
            }

            @Override
            public void end() throws IOException {
                out.flush();
            }
        });
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String csvField(String v) {
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
