package org.townbrain.region;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/** The region JSON API contract on the Jiande demo county (this test is about the demo data). */
@IntegrationTest
class RegionApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void listsTheSixteenJiandeTownsWithTheirProgrammeFacts() throws Exception {
        mvc.perform(get("/api/regions/towns").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(16))
                .andExpect(jsonPath("$[?(@.code == '330182104')].name").value("梅城镇"))
                .andExpect(jsonPath("$[?(@.code == '330182104')].kind").value("TOWN"))
                .andExpect(jsonPath("$[?(@.code == '330182104')].tier").value("MODEL"))
                .andExpect(jsonPath("$[?(@.code == '330182104')].inProgramme").value(true))
                .andExpect(jsonPath("$[?(@.code == '330182001')].inProgramme").value(false))
                .andExpect(jsonPath("$[?(@.code == '330182202')].kind").value("TOWNSHIP"))
                .andExpect(jsonPath("$[?(@.inProgramme == true)]", org.hamcrest.Matchers.hasSize(15)));
    }

    @Test
    void oneTownAndItsVillages() throws Exception {
        mvc.perform(get("/api/regions/towns/330182109").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("寿昌镇"))
                .andExpect(jsonPath("$.clusterId").isNumber());
        mvc.perform(get("/api/regions/towns/330182104/villages").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(18))
                .andExpect(jsonPath("$[0].townCode").value("330182104"))
                .andExpect(jsonPath("$[0].code").value(org.hamcrest.Matchers.startsWith("330182104")));
    }

    @Test
    void fourClustersWithLeadTownsAndMembers() throws Exception {
        mvc.perform(get("/api/regions/clusters").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[?(@.leadTownCode == '330182104')].memberTownCodes[*]")
                        .value(org.hamcrest.Matchers.hasItems("330182104", "330182108", "330182107", "330182105")));
    }

    @Test
    void regionNamesArePublicToAnyLoggedInUserButNotToStrangers() throws Exception {
        mvc.perform(get("/api/regions/towns/330182109").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk());
        mvc.perform(get("/api/regions/towns"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists("WWW-Authenticate"));
    }

    @Test
    void unknownTownsAreProblemDetails() throws Exception {
        mvc.perform(get("/api/regions/towns/330182999").with(httpBasic("county", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(get("/api/regions/towns/not-a-code/villages").with(httpBasic("county", "demo")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theCountyBoundaryIsGeoJson() throws Exception {
        mvc.perform(get("/api/regions/county/boundary"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("Feature"))
                .andExpect(jsonPath("$.geometry.type").value("Polygon"));
    }

    @Test
    void theApiIsDocumentedInOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/regions/towns']").exists())
                .andExpect(jsonPath("$.paths['/api/regions/towns/{code}/villages']").exists());
    }
}
