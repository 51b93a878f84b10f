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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.RejectedException;

/**
 * Evidence photos on local disk under {@code townbrain.data-dir/cases/photos}. Each upload is
 * size-checked, decoded (anything that is not an image is refused) and re-encoded as JPEG, which
 * drops EXIF and every other piece of metadata (GPS, camera serial numbers).
 */
@Component
class PhotoStore {

    /** A decoded upload, ready to be written. */
    record Decoded(BufferedImage image) {
    }

    record Photo(long id, long caseId, Long eventId, int width, int height, Instant uploadedAt) {
    }

    private static final long MAX_PIXELS = 40_000_000L;

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
            throw new RejectedException("photo", "照片为空 / the photo is empty");
        }
        if (bytes.length > properties.photoMaxSize().toBytes()) {
            throw new RejectedException("photo", "照片超过 " + properties.photoMaxSize().toMegabytes()
                    + " MB / the photo is too large");
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
                return new Decoded(image);
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

    /** Writes a decoded photo as a metadata-free JPEG and records it. */
    long store(long caseId, Long eventId, Decoded decoded, Instant at) {
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

    List<Photo> ofCase(long caseId) {
        return jdbc.sql("select id, case_id, event_id, width, height, uploaded_at from cases_photo where case_id = :c order by id")
                .param("c", caseId).query((rs, n) -> new Photo(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3),
                        rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant())).list();
    }

    /** The file of a photo of that case, if both exist. */
    java.util.Optional<Path> file(long caseId, long photoId) {
        return jdbc.sql("select path from cases_photo where id = :p and case_id = :c").param("p", photoId).param("c", caseId)
                .query(String.class).optional().map(root::resolve).filter(Files::isReadable);
    }

    private static RejectedException notAnImage() {
        return new RejectedException("photo", "只接受 JPEG、PNG 等图片 / only images (JPEG, PNG) are accepted");
    }
}
