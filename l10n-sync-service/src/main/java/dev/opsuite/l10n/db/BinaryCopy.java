package dev.opsuite.l10n.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent with {@code COPY … FROM STDIN (FORMAT binary)}: each value as its length and bytes, so
 * texts need no escaping and numbers no formatting or parsing on either side. Buffered and sent in
 * pieces of about 256 KiB. Use: {@link #start}, per row {@link #row} then one call per column, then
 * {@link #finish} (or {@link #close} to abandon).
 */
public final class BinaryCopy implements AutoCloseable {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int FLUSH_AT = 256 * 1024;
    /** jsonb's binary input: a version byte, then the JSON text. */
    private static final byte JSONB_VERSION = 1;

    private final CopyIn in;
    private byte[] buf = new byte[FLUSH_AT + 64 * 1024];
    private int len;
    private long rows;

    private BinaryCopy(CopyIn in) {
        this.in = in;
    }

    /** @param sql {@code COPY table (columns…) FROM STDIN (FORMAT binary)} */
    public static BinaryCopy start(Connection c, String sql) throws SQLException {
        BinaryCopy copy =
                new BinaryCopy(c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
        copy.bytes(SIGNATURE);
        copy.int32(0); // flags
        copy.int32(0); // header extension length
        return copy;
    }

    public BinaryCopy row(int columns) throws SQLException {
        if (len >= FLUSH_AT) {
            flush();
        }
        int16(columns);
        rows++;
        return this;
    }

    public BinaryCopy text(String v) {
        if (v == null) {
            return nullValue();
        }
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        int32(b.length);
        bytes(b);
        return this;
    }

    public BinaryCopy jsonb(String json) {
        if (json == null) {
            return nullValue();
        }
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        int32(b.length + 1);
        ensure(1);
        buf[len++] = JSONB_VERSION;
        bytes(b);
        return this;
    }

    public BinaryCopy int8(long v) {
        int32(8);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
        return this;
    }

    public BinaryCopy nullValue() {
        int32(-1);
        return this;
    }

    /** Sends the trailer and ends the COPY; returns the rows PostgreSQL stored. */
    public long finish() throws SQLException {
        int16(-1);
        flush();
        long stored = in.endCopy();
        if (stored != rows) {
            throw new SQLException("COPY stored " + stored + " of " + rows + " rows");
        }
        return stored;
    }

    /** Abandons an unfinished COPY (the transaction fails with it). */
    @Override
    public void close() throws SQLException {
        if (in.isActive()) {
            in.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (len > 0) {
            in.writeToCopy(buf, 0, len);
            len = 0;
        }
    }

    private void int16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            byte[] grown = new byte[Math.max(buf.length * 2, len + n)];
            System.arraycopy(buf, 0, grown, 0, len);
            buf = grown;
        }
    }
}
