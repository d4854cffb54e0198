package dev.opsuite.common.json;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Jackson input decorator that runs every JSON document a service reads through a
 * {@link JsonEscapeScanner}, so text PostgreSQL cannot store is refused while parsing (a 400 in the
 * API's dialect) whatever the target type — records, maps, JsonNode.
 */
final class StorableTextInput extends InputDecorator {

    @Override
    public InputStream decorate(IOContext context, InputStream in) {
        return new ScannedStream(in);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws IOException {
        JsonEscapeScanner scanner = new JsonEscapeScanner();
        for (int i = offset; i < offset + length; i++) {
            scanner.acceptByte(src[i] & 0xff);
        }
        return null; // checked in place: Jackson keeps parsing the original array
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return new ScannedReader(reader);
    }

    private static final class ScannedStream extends FilterInputStream {
        private final JsonEscapeScanner scanner = new JsonEscapeScanner();

        ScannedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                scanner.acceptByte(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                scanner.acceptByte(buffer[i] & 0xff);
            }
            return n;
        }
    }

    private static final class ScannedReader extends FilterReader {
        private final JsonEscapeScanner scanner = new JsonEscapeScanner();

        ScannedReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                scanner.acceptChar((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                scanner.acceptChar(buffer[i]);
            }
            return n;
        }
    }
}
