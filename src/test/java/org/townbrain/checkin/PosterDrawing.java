package org.townbrain.checkin;

import java.awt.GraphicsEnvironment;
import java.io.File;
import javax.imageio.ImageIO;

/** Draws one poster to a PNG in a JVM of its own, so a test can take the host's fonts away from it. */
public final class PosterDrawing {

    static final PosterLayout.Texts TEXTS = new PosterLayout.Texts("场所码", "大慈岩镇檀村村文化礼堂", "大慈岩镇",
            "HTTPS://TB.JIANDE.GOV.CN/C/HKSK4YCFRZ", "扫码登记，不用下载应用", "登记信息保存 28 天后删除");

    private PosterDrawing() {
    }

    public static void main(String[] args) throws Exception {
        ImageIO.write(new PosterLayout().draw(TEXTS), "png", new File(args[0]));
        String fonts;
        try {
            fonts = String.join(", ", GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        } catch (RuntimeException noneAtAll) {
            fonts = "none (" + noneAtAll.getMessage() + ")";
        }
        System.out.println("host fonts: " + fonts);
    }
}
