package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.townbrain.platform.errors.RejectedException;

class PhotoStoreTest {

    private final PhotoStore store = new PhotoStore(null, new CasesProperties(50, 0.8, java.time.Duration.ofDays(7),
            List.of("08:30-12:00"), DataSize.ofKilobytes(100), 90, java.time.Duration.ofDays(180)), "target/photo-test");

    @Test
    void acceptsImagesAndRefusesEverythingElse() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB), "png", png);
        assertThat(store.decode(png.toByteArray()).image().getWidth()).isEqualTo(20);
        assertThatThrownBy(() -> store.decode("%PDF-1.4 broken".getBytes())).isInstanceOf(RejectedException.class)
                .hasMessageContaining("PDF");
        assertThatThrownBy(() -> store.decode("GIF8 nor an image".getBytes())).isInstanceOf(RejectedException.class)
                .hasMessageContaining("JPEG");
        assertThatThrownBy(() -> store.decode(new byte[0])).isInstanceOf(RejectedException.class);
    }

    @Test
    void refusesOversizedUploadsBeforeDecoding() {
        assertThatThrownBy(() -> store.decode(new byte[200 * 1024])).isInstanceOf(RejectedException.class)
                .hasMessageContaining("MB");
    }
}
