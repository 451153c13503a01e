package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The structure static-ct-api gives RFC 6962's opaque CtExtensions (the TimestampedEntry's and
 * the SCT's {@code extensions}):
 * <pre>
 * enum { leaf_index(0), (255) } ExtensionType;
 * struct {
 *   ExtensionType extension_type;
 *   opaque extension_data&lt;0..2^16-1&gt;;
 * } Extension;
 * Extension CtExtensions&lt;0..2^16-1&gt;;
 * uint8 uint40[5];
 * uint40 LeafIndex;
 * </pre>
 * The parsed form is the body of the vector (the TimestampedEntry's opaque field already carries
 * the outer length). Duplicate types are an error; unknown types are kept; order is preserved so
 * that {@code encode(parse(x))} is {@code x}.
 */
public record CtExtensions(List<Extension> extensions) {
    public static final int LEAF_INDEX = 0;
    private static final long MAX_LEAF_INDEX = (1L << 40) - 1;

    public record Extension(int type, byte[] data) {
        public Extension {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("extension_type must be 0..255, was " + type);
            }
            if (data.length > 0xffff) {
                throw new IllegalArgumentException("extension_data must be at most 65535 bytes, was " + data.length);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extension other && type == other.type && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Extension[type=" + type + ", data=" + Hex.of(data) + "]";
        }
    }

    public CtExtensions {
        extensions = List.copyOf(extensions);
        boolean[] seen = new boolean[256];
        for (Extension extension : extensions) {
            if (seen[extension.type()]) {
                throw new IllegalArgumentException("duplicate extension type " + extension.type());
            }
            seen[extension.type()] = true;
            if (extension.type() == LEAF_INDEX && extension.data().length != 5) {
                throw new IllegalArgumentException("leaf_index data must be 5 bytes, was " + extension.data().length);
            }
        }
    }

    public static CtExtensions empty() {
        return new CtExtensions(List.of());
    }

    /** The one extension a static-ct-api log writes: 8 bytes {@code 00 0005 <uint40>}. */
    public static CtExtensions ofLeafIndex(long leafIndex) {
        if (leafIndex < 0 || leafIndex > MAX_LEAF_INDEX) {
            throw new IllegalArgumentException("leaf_index must be 0..2^40-1, was " + leafIndex);
        }
        byte[] data = new TlsWriter(5).uint40(leafIndex, "leaf_index").toByteArray();
        return new CtExtensions(List.of(new Extension(LEAF_INDEX, data)));
    }

    public static CtExtensions parse(byte[] bytes) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        List<Extension> out = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (reader.hasRemaining()) {
            int at = reader.position();
            int type = reader.uint8("extension_type");
            byte[] data = reader.opaque16("extension_data", 0);
            if (seen[type]) {
                throw new CtFormatException("CtExtensions: duplicate extension type " + type + " at offset " + at);
            }
            seen[type] = true;
            if (type == LEAF_INDEX && data.length != 5) {
                throw new CtFormatException("CtExtensions: leaf_index at offset " + at + " has " + data.length
                        + " bytes of data, a uint40 needs 5 (" + Hex.of(data) + ")");
            }
            out.add(new Extension(type, data));
        }
        return new CtExtensions(out);
    }

    public byte[] encode() {
        TlsWriter writer = new TlsWriter(8 * extensions.size());
        for (Extension extension : extensions) {
            writer.uint8(extension.type(), "extension_type").opaque16(extension.data(), "extension_data");
        }
        return writer.toByteArray();
    }

    /** The static-ct-api leaf_index: the entry's 0-based position in the log. */
    public OptionalLong leafIndex() {
        for (Extension extension : extensions) {
            if (extension.type() == LEAF_INDEX) {
                long value = 0;
                for (byte b : extension.data()) {
                    value = (value << 8) | (b & 0xff);
                }
                return OptionalLong.of(value);
            }
        }
        return OptionalLong.empty();
    }

    public Extension find(int type) {
        for (Extension extension : extensions) {
            if (extension.type() == type) {
                return extension;
            }
        }
        return null;
    }
}
