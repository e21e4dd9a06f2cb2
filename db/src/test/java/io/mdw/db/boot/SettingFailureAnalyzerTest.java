package io.mdw.db.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** What an operator reads when a setting is wrong: one line naming the environment variable, never a secret. */
class SettingFailureAnalyzerTest {

    @Test
    void aValueThatIsNotANumberNamesTheVariableItsValueAndTheDefault() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_BATCH_CHUNK_SIZE", "abc"), Map.of());

        assertThat(analysis.getDescription()).isEqualTo("MDW_BATCH_CHUNK_SIZE is 'abc': must be a whole number");
        assertThat(analysis.getAction())
                .isEqualTo("Set MDW_BATCH_CHUNK_SIZE to a whole number, or unset it to use the default (1000).");
    }

    @Test
    void aWholeNumberTooLargeForItsSettingSaysHowLargeItMayBe() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_BATCH_CHUNK_SIZE", "99999999999"), Map.of());

        assertThat(analysis.getDescription()).isEqualTo("MDW_BATCH_CHUNK_SIZE is '99999999999': must be at most 2147483647");
        assertThat(analysis.getAction())
                .isEqualTo("Set MDW_BATCH_CHUNK_SIZE to a whole number, or unset it to use the default (1000).");
    }

    @Test
    void aVariableReadThroughAPlaceholderOfAnotherNameIsNamed() {
        // mdw.example.zone=${MDW_SCHEDULE_ZONE:UTC}: Spring Boot's own report names only the property and the placeholder
        FailureAnalysis analysis = failedStart(Map.of("MDW_SCHEDULE_ZONE", "Mars/Base"), Map.of());

        assertThat(analysis.getDescription())
                .isEqualTo("MDW_SCHEDULE_ZONE is 'Mars/Base': must be a time zone such as UTC or America/New_York");
        assertThat(analysis.getAction()).endsWith("or unset it to use the default (UTC).");
    }

    @Test
    void aPropertyThatTakesAnothersValueIsNamedByThatOnesVariable() {
        // mdw.example.delay=${mdw.example.pause}, mdw.example.pause=${MDW_EXAMPLE_PAUSE:5s}
        FailureAnalysis analysis = failedStart(Map.of("MDW_EXAMPLE_PAUSE", "soon"), Map.of());

        assertThat(analysis.getDescription())
                .isEqualTo("MDW_EXAMPLE_PAUSE is 'soon': must be a duration such as 500ms, 30s, 5m or 1d");
        assertThat(analysis.getAction()).endsWith("or unset it to use the default (5s).");
    }

    @Test
    void aDurationSaysWhatADurationLooksLike() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_EXAMPLE_TIMEOUT", "soon"), Map.of());

        assertThat(analysis.getDescription())
                .isEqualTo("MDW_EXAMPLE_TIMEOUT is 'soon': must be a duration such as 500ms, 30s, 5m or 1d");
    }

    @Test
    void aValueOutOfRangeGivesTheConstraintsMessage() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_BATCH_CHUNK_SIZE", "0"), Map.of());

        assertThat(analysis.getDescription()).isEqualTo("MDW_BATCH_CHUNK_SIZE is '0': must be at least 1");
        assertThat(analysis.getAction())
                .isEqualTo("Set MDW_BATCH_CHUNK_SIZE to a valid value, or unset it to use the default (1000).");
    }

    @Test
    void theValueOfASecretIsNeverShown() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_EXAMPLE_API_KEY", "short-SECRET"), Map.of());

        assertThat(analysis.getDescription()).isEqualTo("MDW_EXAMPLE_API_KEY is '(hidden)': must be at least 20 characters");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("SECRET");
    }

    @Test
    void aPasswordInAUrlIsMasked() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_EXAMPLE_URL", "db.example/x y?password=SECRET"),
                Map.of());

        assertThat(analysis.getDescription()).startsWith("MDW_EXAMPLE_URL is 'db.example/x y?password=***': must be a URL")
                .doesNotContain("SECRET");
    }

    @Test
    void aPortNumberIsCalledOne() {
        FailureAnalysis analysis = failedStart(Map.of("MDW_EXAMPLE_PORT", "notaport"), Map.of());

        assertThat(analysis.getDescription()).isEqualTo("MDW_EXAMPLE_PORT is 'notaport': must be a port number (1-65535)");
    }

    @Test
    void aPropertySetOtherwiseThanByAVariableIsNamedAsAProperty() {
        FailureAnalysis analysis = failedStart(Map.of(), Map.of("mdw.example.retries", "many"));

        assertThat(analysis.getDescription()).isEqualTo("mdw.example.retries is 'many': must be a whole number");
    }

    /** Starts an application binding {@link Example} with these environment variables and properties; its analysis. */
    private static FailureAnalysis failedStart(Map<String, String> variables, Map<String, Object> properties) {
        StandardEnvironment environment = environment(variables, properties);
        Throwable failure = catchThrowable(() -> builder(environment, Binds.class).run());
        assertThat(failure).as("the application refused to start").isNotNull();
        FailureAnalysis analysis = new SettingFailureAnalyzer(environment).analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n");
        assertThat(StartupFailures.describe(failure, environment)).hasValue(analysis.getDescription());
        return analysis;
    }

    private static StandardEnvironment environment(Map<String, String> variables, Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        environment.getPropertySources().addFirst(new MapPropertySource("set", properties));
        // as application.yml or quartz-defaults.properties give them
        environment.getPropertySources().addLast(new MapPropertySource("defaults", Map.of(
                "mdw.batch.chunk-size", "${MDW_BATCH_CHUNK_SIZE:1000}",
                "mdw.example.zone", "${MDW_SCHEDULE_ZONE:UTC}",
                "mdw.example.timeout", "${MDW_EXAMPLE_TIMEOUT:30s}",
                "mdw.example.delay", "${mdw.example.pause}",
                "mdw.example.pause", "${MDW_EXAMPLE_PAUSE:5s}")));
        return environment;
    }

    private static SpringApplicationBuilder builder(StandardEnvironment environment, Class<?> source) {
        return new SpringApplicationBuilder(source)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({Batch.class, Example.class})
    static class Binds {

        /** Spring Boot validates every @ConfigurationProperties with this bean, as it does with jakarta validation. */
        @Bean
        static Validator configurationPropertiesValidator() {
            return new Validator() {
                @Override
                public boolean supports(Class<?> type) {
                    return type == Batch.class || type == Example.class;
                }

                @Override
                public void validate(Object target, Errors errors) {
                    if (target instanceof Batch batch && batch.chunkSize() < 1) {
                        errors.rejectValue("chunkSize", "min", "must be at least 1");
                    }
                    if (target instanceof Example example && example.apiKey() != null && example.apiKey().length() < 20) {
                        errors.rejectValue("apiKey", "size", "must be at least 20 characters");
                    }
                }
            };
        }
    }

    @ConfigurationProperties("mdw.batch")
    record Batch(int chunkSize) {
    }

    @ConfigurationProperties("mdw.example")
    record Example(ZoneId zone, Duration timeout, String apiKey, URI url, Integer port, Integer retries, Duration delay) {
    }
}
