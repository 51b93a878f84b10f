package org.townbrain.evaluation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;
import org.townbrain.platform.web.PublicPaths;

/** The evaluation entry in the main navigation, and the public satisfaction survey. */
@Configuration(proxyBeanMethods = false)
class EvaluationNavigation {

    @Bean
    NavItem evaluationNav() {
        return NavItem.of("nav.evaluation", "/evaluation", 60, "COUNTY_ADMIN", "CLUSTER_LEAD", "TOWN_STAFF");
    }

    @Bean
    PublicPaths surveyPaths() {
        return PublicPaths.of("/survey/**");
    }
}
