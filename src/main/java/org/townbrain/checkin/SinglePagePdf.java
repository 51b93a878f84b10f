package org.townbrain.checkin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes a one-page A4 PDF that shows one 8-bit grayscale image over the whole page. A poster
 * needs nothing more, so no PDF library (and no embedded font: the text is in the image).
 */
final class SinglePagePdf {

    private SinglePagePdf() {
    }

    static byte[] a4WithGrayImage(int width, int height, byte[] pixels) {
        byte[] image = deflate(pixels);
        byte[] content = "q 595 0 0 842 0 0 cm /Im0 Do Q\n".getBytes(StandardCharsets.US_ASCII);
        Writer pdf = new Writer();
        pdf.raw("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                + "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>");
        pdf.stream("<< /Type /XObject /Subtype /Image /Width " + width + " /Height " + height
                + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length " + image.length + " >>", image);
        pdf.stream("<< /Length " + content.length + " >>", content);
        return pdf.finish();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 10);
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<Integer> offsets = new ArrayList<>();

        void raw(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void object(String body) {
            offsets.add(out.size());
            raw(offsets.size() + " 0 obj\n" + body + "\nendobj\n");
        }

        void stream(String dictionary, byte[] data) {
            offsets.add(out.size());
            raw(offsets.size() + " 0 obj\n" + dictionary + "\nstream\n");
            out.writeBytes(data);
            raw("\nendstream\nendobj\n");
        }

        byte[] finish() {
            int xref = out.size();
            StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
            offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
            table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                    .append(xref).append("\n%%EOF\n");
            raw(table.toString());
            return out.toByteArray();
        }
    }
}
