package dev.chainrule.nn.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes of a whole file or array, read into caller-sized buffers. */
interface ByteSource {
    /** The number of bytes. */
    long size() throws IOException;

    /** Fills {@code buffer} (from its position to its limit) with the bytes starting at {@code position}. */
    void read(long position, ByteBuffer buffer) throws IOException;

    /** The bytes of an array. */
    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long position, ByteBuffer buffer) {
                buffer.put(bytes, (int) position, buffer.remaining());
            }
        };
    }

    /** The bytes of an open file. */
    static ByteSource of(FileChannel channel) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void read(long position, ByteBuffer buffer) throws IOException {
                long at = position;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, at);
                    if (n < 0) throw new EOFException("the file ended at byte " + at + " while reading");
                    at += n;
                }
            }
        };
    }
}
