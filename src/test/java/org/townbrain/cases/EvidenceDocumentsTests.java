package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/** Evidence is photos and PDF documents; a document is kept without its metadata and active content. */
@IntegrationTest
class EvidenceDocumentsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private static byte[] pdfWithMetadataAndScript() throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.addPage(new PDPage());
            document.getDocumentInformation().setAuthor("张三 13800001234");
            document.getDocumentInformation().setTitle("整改报告");
            document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hi')"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aPdfIsKeptAsEvidenceWithoutWhoWroteItOrScripts() throws Exception {
        byte[] pdf = pdfWithMetadataAndScript();
        try (PDDocument original = Loader.loadPDF(pdf)) {
            assertThat(original.getDocumentCatalog().getOpenAction()).isNotNull();
            assertThat(original.getDocumentInformation().getAuthor()).contains("13800001234");
        }
        String description = "整改材料 " + UUID.randomUUID();
        mvc.perform(multipart("/cases/new").file(new MockMultipartFile("photo", "report.pdf", "application/pdf", pdf))
                        .param("categoryCode", "E0102").param("townCode", "330182104").param("longitude", "119.47")
                        .param("latitude", "29.55").param("description", description)
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long caseId = jdbc.sql("select id from cases_case where description = :d").param("d", description).query(Long.class).single();
        long evidence = jdbc.sql("select id from cases_photo where case_id = :c").param("c", caseId).query(Long.class).single();
        assertThat(jdbc.sql("select media_type || ' ' || pages from cases_photo where id = :id").param("id", evidence)
                .query(String.class).single()).isEqualTo("application/pdf 2");

        mvc.perform(get("/cases/" + caseId).with(httpBasic("meicheng", "demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("PDF · 2")));
        byte[] kept = mvc.perform(get("/cases/" + caseId + "/photos/" + evidence).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(kept)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            assertThat(document.getDocumentInformation().getAuthor()).isNull();
            assertThat(document.getDocumentInformation().getTitle()).isNull();
            assertThat(document.getDocumentCatalog().getOpenAction()).isNull();
        }
        // another town cannot fetch it
        mvc.perform(get("/cases/" + caseId + "/photos/" + evidence).with(httpBasic("shouchang", "demo")))
                .andExpect(status().isNotFound());
    }

    @Test
    void somethingThatOnlyLooksLikeAPdfIsRefusedAndNothingIsStored() throws Exception {
        String description = "假 PDF " + UUID.randomUUID();
        mvc.perform(multipart("/cases/new")
                        .file(new MockMultipartFile("photo", "x.pdf", "application/pdf", "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII)))
                        .param("categoryCode", "E0102").param("townCode", "330182104").param("longitude", "119.47")
                        .param("latitude", "29.55").param("description", description)
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("PDF")));
        assertThat(jdbc.sql("select count(*) from cases_case where description = :d").param("d", description)
                .query(Integer.class).single()).isZero();
    }
}
