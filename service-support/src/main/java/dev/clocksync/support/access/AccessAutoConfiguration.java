package dev.clocksync.support.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import lombok.extern.slf4j.Slf4j;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Access control ({@code cluster.*}): every state-changing request needs the cluster's token
 * ({@link ClusterTokenFilter}); the paths a service declares {@link TrustedCallers} for are open only to
 * those callers' addresses. Reads, actuator, Swagger UI and {@code /v3/api-docs} stay open. With
 * {@code cluster.open=true} none of it applies, and the service says so loudly once it is ready.
 * <p>
 * Not Spring Security: one shared token and no users, roles or sessions need one filter, not a chain of
 * a dozen and the framework behind it, in services that must stay within a small memory budget.
 */
@Slf4j
@AutoConfiguration(after = WebMvcAutoConfiguration.class)
@EnableConfigurationProperties(ClusterProperties.class)
public class AccessAutoConfiguration {

    /** The OpenAPI name of the bearer token scheme. */
    static final String SCHEME = "clusterToken";

    /** Where Spring Security's filter chain would be: after request wrappers and observation, before the rest. */
    static final int FILTER_ORDER = -100;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletAccess {

        @Bean
        FilterRegistrationBean<ClusterTokenFilter> clusterTokenFilter(ClusterProperties cluster,
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
            FilterRegistrationBean<ClusterTokenFilter> registration = new FilterRegistrationBean<>(
                    new ClusterTokenFilter(cluster.open() ? "" : cluster.token(), resolver));
            registration.setOrder(FILTER_ORDER);
            registration.setEnabled(!cluster.open());
            return registration;
        }

        @Bean
        WebMvcConfigurer trustedCallers(ClusterProperties cluster, ObjectProvider<TrustedCallers> trusted) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    if (!cluster.open()) {
                        trusted.orderedStream().forEach(callers -> registry
                                .addInterceptor(new TrustedCallersInterceptor(callers)).addPathPatterns(callers.pathPattern()));
                    }
                }
            };
        }

        @Bean
        ApplicationListener<ApplicationReadyEvent> openAccessWarning(ClusterProperties cluster) {
            return ready -> {
                if (cluster.open()) {
                    log.warn("**********************************************************************");
                    log.warn("cluster.open=true: NO ACCESS CONTROL. Anyone who can reach this service");
                    log.warn("can adjust its clock, crash it or change its state. Experiments only;");
                    log.warn("set CLUSTER_TOKEN (cluster.token) and drop cluster.open to secure it.");
                    log.warn("**********************************************************************");
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenApiCustomizer.class)
    static class OpenApiAccess {

        /** Declares the bearer token, and that every state-changing operation needs it, in {@code /v3/api-docs}. */
        @Bean
        OpenApiCustomizer clusterTokenOpenApi() {
            return openApi -> {
                if (openApi.getComponents() == null) {
                    openApi.setComponents(new Components());
                }
                openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The cluster's token (cluster.token, CLUSTER_TOKEN), needed by every "
                                + "operation that changes a node's state"));
                if (openApi.getPaths() != null) {
                    openApi.getPaths().values().forEach(OpenApiAccess::secureChanges);
                }
            };
        }

        private static void secureChanges(PathItem path) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                if (ClusterTokenFilter.READS.contains(entry.getKey().name())) {
                    continue;
                }
                Operation operation = entry.getValue();
                operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
                if (operation.getResponses() == null) {
                    operation.setResponses(new ApiResponses());
                }
                operation.getResponses().putIfAbsent("401", new ApiResponse()
                        .description("No token: Authorization: Bearer <cluster.token> is missing (problem document)"));
                operation.getResponses().putIfAbsent("403", new ApiResponse()
                        .description("A wrong token, or a caller this operation is not accepted from (problem document)"));
            }
        }
    }
}
