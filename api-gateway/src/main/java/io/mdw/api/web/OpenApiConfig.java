package io.mdw.api.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The API's OpenAPI description: springdoc reads the endpoints from the code; this adds the title and the key. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI warehouseApi() {
        return new OpenAPI()
                .info(new Info().title("Market Data Warehouse API").version("v1")
                        .description("OHLCV bars, features and quality reports; loads on demand. Reads are public "
                                + "unless MDW_API_PUBLIC_READS=false; admin and trigger endpoints need an X-API-Key "
                                + "with the admin or trigger scope. Errors are RFC 9457 problem+json."))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    /**
     * The schemas name fields as the API reads and writes them (snake_case, spring.jackson.property-naming-strategy):
     * swagger-core reads the models with its own Jackson 2 mapper, which knows nothing of the application's.
     * springdoc puts each converter bean before those listed ahead of it, and this one ends the chain (it hands a type
     * to no other): it comes first, so that the converters that wrap it, such as {@link AnswerFields}, see the types.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
