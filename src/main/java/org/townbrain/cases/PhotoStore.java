package org.townbrain.cases;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.RejectedException;

/**
 * Evidence on local disk under {@code townbrain.data-dir/cases/photos}: photos and PDF documents.
 * Each upload is size-checked and parsed; anything else is refused. Photos are re-encoded as
 * JPEG, which drops EXIF and every other piece of metadata (GPS, camera serial numbers); PDFs
 * are rewritten without their document information, XMP metadata, JavaScript, open actions and
 * embedded files, and encrypted ones are refused.
 */
@Component
class PhotoStore {

    static final String PDF = "application/pdf";

    /** A checked upload, ready to be written: an image, or a cleaned PDF with its page count. */
    record Decoded(BufferedImage image, byte[] pdf, int pages) {

        static Decoded image(BufferedImage image) {
            return new Decoded(image, null, 0);
        }
    }

    /** A piece of evidence: width and height for photos, pages for documents. */
    record Photo(long id, long caseId, Long eventId, String mediaType, Integer width, Integer height, Integer pages,
            Instant uploadedAt) {

        public boolean document() {
            return PDF.equals(mediaType);
        }
    }

    /** Where an evidence file is and what it is. */
    record StoredFile(Path path, String mediaType) {
    }

    private static final long MAX_PIXELS = 40_000_000L;
    private static final int MAX_PAGES = 300;

    private final JdbcClient jdbc;
    private final CasesProperties properties;
    private final Path root;

    PhotoStore(JdbcClient jdbc, CasesProperties properties, @Value("${townbrain.data-dir:./data}") String dataDir) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.root = Path.of(dataDir, "cases", "photos");
    }

    /** Checks and decodes an upload before anything is written. */
    Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedException("photo", "文件为空 / the file is empty");
        }
        if (bytes.length > properties.photoMaxSize().toBytes()) {
            throw new RejectedException("photo", "文件超过 " + properties.photoMaxSize().toMegabytes()
                    + " MB / the file is too large");
        }
        if (bytes.length > 5 && new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
            return cleanPdf(bytes);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new RejectedException("photo", "照片像素过大 / the photo has too many pixels");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw notAnImage();
                }
                return Decoded.image(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw notAnImage();
        }
    }

    /** Parses a PDF and rewrites it without metadata or active content. */
    private static Decoded cleanPdf(byte[] bytes) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            if (document.isEncrypted()) {
                throw new RejectedException("photo", "不接受加密的 PDF / encrypted PDFs are not accepted");
            }
            int pages = document.getNumberOfPages();
            if (pages == 0 || pages > MAX_PAGES) {
                throw new RejectedException("photo", "PDF 应为 1–" + MAX_PAGES + " 页 / a PDF of 1 to " + MAX_PAGES + " pages");
            }
            document.setDocumentInformation(new PDDocumentInformation());
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            catalog.setMetadata(null);
            catalog.setOpenAction(null);
            catalog.setActions(null);
            catalog.setNames(null);
            document.getDocument().getTrailer().removeItem(COSName.ID);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
            document.save(out);
            return new Decoded(null, out.toByteArray(), pages);
        } catch (InvalidPasswordException e) {
            throw new RejectedException("photo", "不接受加密的 PDF / encrypted PDFs are not accepted");
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw new RejectedException("photo", "PDF 已损坏，无法读取 / the PDF cannot be read");
        }
    }

    /** Writes a checked upload (a metadata-free JPEG, or the cleaned PDF) and records it. */
    long store(long caseId, Long eventId, Decoded decoded, Instant at) {
        if (decoded.pdf() != null) {
            return storeDocument(caseId, eventId, decoded, at);
        }
        BufferedImage source = decoded.image();
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(source, 0, 0, null);
        g.dispose();
        String relative = caseId / 1000 + "/" + caseId + "-" + UUID.randomUUID() + ".jpg";
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(rgb, "jpg", file.toFile());
            return jdbc.sql("""
                    insert into cases_photo (case_id, event_id, path, bytes, width, height, uploaded_at)
                    values (:c, :e, :p, :b, :w, :h, :at) returning id""")
                    .param("c", caseId).param("e", eventId).param("p", relative).param("b", (int) Files.size(file))
                    .param("w", rgb.getWidth()).param("h", rgb.getHeight()).param("at", Timestamp.from(at))
                    .query(Long.class).single();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a photo", e);
        }
    }

    private long storeDocument(long caseId, Long eventId, Decoded decoded, Instant at) {
        String relative = caseId / 1000 + "/" + caseId + "-" + UUID.randomUUID() + ".pdf";
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, decoded.pdf());
            return jdbc.sql("""
                    insert into cases_photo (case_id, event_id, path, bytes, media_type, pages, uploaded_at)
                    values (:c, :e, :p, :b, :t, :pages, :at) returning id""")
                    .param("c", caseId).param("e", eventId).param("p", relative).param("b", decoded.pdf().length)
                    .param("t", PDF).param("pages", decoded.pages()).param("at", Timestamp.from(at))
                    .query(Long.class).single();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a document", e);
        }
    }

    List<Photo> ofCase(long caseId) {
        return jdbc.sql("""
                select id, case_id, event_id, media_type, width, height, pages, uploaded_at
                from cases_photo where case_id = :c order by id""")
                .param("c", caseId).query((rs, n) -> new Photo(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3),
                        rs.getString(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7),
                        rs.getTimestamp(8).toInstant())).list();
    }

    /** The file of a piece of evidence of that case, if both exist. */
    java.util.Optional<StoredFile> file(long caseId, long photoId) {
        return jdbc.sql("select path, media_type from cases_photo where id = :p and case_id = :c").param("p", photoId)
                .param("c", caseId).query((rs, n) -> new StoredFile(root.resolve(rs.getString(1)), rs.getString(2)))
                .optional().filter(f -> Files.isReadable(f.path()));
    }

    private static RejectedException notAnImage() {
        return new RejectedException("photo", "只接受图片（JPEG、PNG 等）或 PDF / only images (JPEG, PNG) or PDF documents are accepted");
    }
}
