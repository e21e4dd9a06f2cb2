package io.mdw.api.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mdw.market.Timeframe;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;

/**
 * What springdoc cannot read from the handlers: that every error is problem+json, which requests conflict with
 * running work, what the bar endpoints' parameters mean (they are parsed by {@link Params}, so that a missing
 * one gets a message that says what to send, which leaves them optional to Spring), and the default of a parameter
 * whose schema states its range (springdoc then leaves out the handler's default).
 */
@Component
public class ApiDocs implements OpenApiCustomizer, ParameterCustomizer {

    private static final String PROBLEM = "Problem";
    private static final Set<String> BAR_PATHS = Set.of("/api/v1/historical/{symbol}", "/api/v1/bars");
    private static final Set<String> REQUIRED_BAR_PARAMETERS = Set.of("start", "end", "symbols");
    private static final Map<String, String> BAR_PARAMETERS = Map.of(
            "symbols", "Comma-separated symbols, such as AAPL,MSFT (at most 200)",
            "timeframe", "Bar size: " + Timeframe.validCodes() + " (default 1d); one coarser than stored"
                    + " is aggregated from a finer stored one",
            "start", "First day (YYYY-MM-DD, UTC) or an ISO-8601 UTC time",
            "end", "Last day, included (YYYY-MM-DD, UTC), or an ISO-8601 UTC time, included",
            "validated_only", "Only bars with quality_score >= min_quality (default true)",
            "min_quality", "The quality_score threshold of validated_only",
            "include_features", "Adds each bar's technical features (default false)",
            "limit", "At most this many bars (default: the whole range);"
                    + " the 'next' link or Link header continues",
            "cursor", "Where the previous page ended: follow the 'next' link unchanged",
            "format", "json (default), csv or ndjson; wins over the Accept header");
    private static final Map<String, Schema<String>> VALUES = Map.of(
            "timeframe", new StringSchema()._enum(Arrays.stream(Timeframe.values()).map(Timeframe::code).toList())
                    ._default(Timeframe.ONE_DAY.code()),
            "format", new StringSchema()._enum(List.of("json", "csv", "ndjson"))._default("json"));
    private static final Map<String, String> CONFLICTS = Map.of(
            "/api/v1/enrichment/trigger", "Another job, queued or running, already loads some of these series; "
                    + "job_id names it",
            "/api/v1/enrichment/jobs/{jobId}/restart", "The job is queued, running or completed");

    /** A response documented as a problem+json document. */
    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().description("What went wrong and what to send instead"))
                .addProperty("instance", new StringSchema().description("The request's path")));
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            operation.getResponses().addApiResponse("default",
                    problem("An error; its detail says what to fix (400 for a bad request, 404 for what is not there)"));
            if (CONFLICTS.containsKey(path)) {
                operation.getResponses().addApiResponse("409", problem(CONFLICTS.get(path)));
            }
            if (BAR_PATHS.contains(path)) {
                describeBarParameters(operation);
            }
        }));
    }

    @Override
    public Parameter customize(Parameter parameter, MethodParameter handlerParameter) {
        RequestParam declared = handlerParameter.getParameterAnnotation(RequestParam.class);
        Schema<?> schema = parameter == null ? null : parameter.getSchema();
        if (declared != null && schema != null && schema.getDefault() == null
                && !ValueConstants.DEFAULT_NONE.equals(declared.defaultValue())
                && ("integer".equals(schema.getType()) || "number".equals(schema.getType()))) {
            schema.setDefault(new BigDecimal(declared.defaultValue()));
        }
        return parameter;
    }

    private static void describeBarParameters(Operation operation) {
        // the Accept header is negotiated as the responses' media types say (OpenAPI ignores an Accept parameter)
        operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                && HttpHeaders.ACCEPT.equalsIgnoreCase(parameter.getName()));
        operation.getParameters().forEach(parameter -> {
            Schema<String> values = VALUES.get(parameter.getName());
            if (values != null) {
                parameter.schema(values);
            }
            String description = BAR_PARAMETERS.get(parameter.getName());
            if (description != null) {
                parameter.description(description);
            }
            if (REQUIRED_BAR_PARAMETERS.contains(parameter.getName())) {
                parameter.required(true);
            }
        });
    }
}
