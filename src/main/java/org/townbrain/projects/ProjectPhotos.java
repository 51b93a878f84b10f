package org.townbrain.projects;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;

/**
 * Project photos on the local disk under {@code <data-dir>/projects/photos}. Only JPEG and PNG
 * are accepted, judged by their content, not their name; every photo is decoded and re-encoded
 * so that no metadata (EXIF positions, camera serials) survives, and scaled down when huge.
 */
@Service
class ProjectPhotos {

    record Photo(long id, long projectId, String fileName, String contentType, int sizeBytes, int width, int height) {
    }

    private final JdbcClient jdbc;
    private final ProjectLedger ledger;
    private final ProjectsProperties properties;
    private final Path directory;
    private final Clock clock;

    ProjectPhotos(JdbcClient jdbc, ProjectLedger ledger, ProjectsProperties properties,
            @Value("${townbrain.data-dir:./data}") Path dataDir, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
        this.directory = dataDir.resolve("projects").resolve("photos");
        this.clock = clock;
    }

    @Transactional
    long add(long projectId, byte[] upload) {
        ledger.writable(projectId);
        if (upload == null || upload.length == 0) {
            throw new RejectedException("photo", "请选择照片 / choose a photo");
        }
        if (upload.length > properties.photoMaxSize().toBytes()) {
            throw new RejectedException("photo", "照片太大 / the photo is too large");
        }
        String format = format(upload).orElseThrow(() -> new RejectedException("photo",
                "仅支持 JPEG 或 PNG 照片 / only JPEG or PNG photos"));
        BufferedImage image = decode(upload);
        image = limit(image, "png".equals(format));
        byte[] clean = encode(image, format);
        String fileName = UUID.randomUUID() + ("png".equals(format) ? ".png" : ".jpg");
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(fileName), clean);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jdbc.sql("""
                insert into projects_photo (project_id, file_name, content_type, size_bytes, width, height, uploaded_at)
                values (:p, :f, :c, :s, :w, :h, :at) returning id""")
                .param("p", projectId).param("f", fileName).param("c", "png".equals(format) ? "image/png" : "image/jpeg")
                .param("s", clean.length).param("w", image.getWidth()).param("h", image.getHeight())
                .param("at", OffsetDateTime.now(clock)).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    List<Photo> of(long projectId) {
        ledger.get(projectId);
        return jdbc.sql("select id, project_id, file_name, content_type, size_bytes, width, height from projects_photo where project_id = :p order by id")
                .param("p", projectId).query((rs, n) -> new Photo(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7))).list();
    }

    /** The photo's bytes, if the caller may see its project. */
    @Transactional(readOnly = true)
    Optional<Photo> find(long projectId, long photoId) {
        return of(projectId).stream().filter(p -> p.id() == photoId).findFirst();
    }

    byte[] read(Photo photo) {
        try {
            return Files.readAllBytes(directory.resolve(photo.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> format(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            String name = readers.next().getFormatName().toLowerCase(java.util.Locale.ROOT);
            return switch (name) {
                case "jpeg", "jpg" -> Optional.of("jpeg");
                case "png" -> Optional.of("png");
                default -> Optional.empty();
            };
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new RejectedException("photo", "无法读取照片 / the photo cannot be read");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw new RejectedException("photo", "无法读取照片 / the photo cannot be read");
        }
    }

    private BufferedImage limit(BufferedImage image, boolean keepAlpha) {
        int max = properties.photoMaxPixels();
        double scale = Math.min(1.0, (double) max / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, java.awt.Color.WHITE, null);
        g.dispose();
        return out;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
