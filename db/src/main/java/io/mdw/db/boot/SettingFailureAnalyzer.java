package io.mdw.db.boot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A setting that cannot be read (MDW_BATCH_CHUNK_SIZE=abc) or is out of range (a validated
 * {@code @ConfigurationProperties}: MDW_BATCH_CHUNK_SIZE=0), reported in one line that names the environment variable
 * the operator sets (not {@code mdw.batch.chunk-size}), its value and what it must be, instead of Spring Boot's
 * multi-line report. The variable is the one the value came from, or the one a {@code ${VARIABLE:default}}
 * placeholder in application.yml or quartz-defaults.properties names. The value of a secret (a key, a password, a
 * password in a URL) is never shown.
 */
public final class SettingFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::(.*))?}");
    /** A value that is another property's, such as spring.r2dbc.pool.max-size: ${mdw.api.db-pool-size}. */
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([a-z0-9.\\-]+)}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final String PORT = "a port number (1-65535)";
    private static final String HIDDEN = "(hidden)";
    private static final Pattern SECRET = Pattern.compile("(?i).*(key|password|secret|token|credential).*");

    private final Environment environment;

    public SettingFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /** Before Spring Boot's own analyzers of the same failures. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        BindValidationException invalid = cause(failure, BindValidationException.class);
        if (invalid != null) {
            return invalid(invalid.getValidationErrors());
        }
        BindException unreadable = cause(failure, BindException.class);
        if (unreadable != null) {
            return unreadable(unreadable);
        }
        InvalidConfigurationPropertyValueException rejected = cause(failure, InvalidConfigurationPropertyValueException.class);
        if (rejected != null) {
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(rejected.getName(), '.');
            Setting setting = setting(name, find(name));
            String expected = isPort(name) ? PORT : null;
            return analysis(setting, expected != null ? "must be " + expected : firstLine(rejected.getReason()), expected);
        }
        return null;
    }

    private FailureAnalysis unreadable(BindException failure) {
        ConfigurationProperty property = failure.getProperty();
        ConfigurationPropertyName name = property != null ? property.getName() : failure.getName();
        Setting setting = setting(name, property != null ? property : find(name));
        // the expected type is known when the failing property is the bound one, not a field of a bound bean
        String expected = name.equals(failure.getName()) ? expectation(name, failure.getTarget().getType()) : null;
        String limit = expected != null && !isPort(name) && !setting.isSecret()
                ? limitPassed(failure.getTarget().getType(), setting.value()) : null;
        // the cause's own words may quote the value, which a secret's must not be
        String reason = limit != null ? "must be " + limit
                : expected != null ? "must be " + expected
                : setting.isSecret() ? "cannot be read" : rootMessage(failure);
        return analysis(setting, reason, expected);
    }

    private FailureAnalysis invalid(ValidationErrors errors) {
        Setting first = null;
        StringBuilder description = new StringBuilder();
        for (ObjectError error : errors) {
            Setting setting = null;
            if (error instanceof FieldError field) {
                ConfigurationPropertyName name = errors.getName().append(dashed(field.getField()));
                setting = errors.getBoundProperties().stream().filter(bound -> bound.getName().equals(name))
                        .findFirst().map(bound -> setting(name, bound)).orElse(null);
            }
            // a constraint on a derived property (@AssertTrue isSomethingValid()) says in its message what to set
            description.append(description.isEmpty() ? "" : "; ")
                    .append(setting == null ? error.getDefaultMessage() : setting.is() + ": " + error.getDefaultMessage());
            first = first != null ? first : setting;
        }
        return new FailureAnalysis(description.toString(), action(first, null), null);
    }

    private static FailureAnalysis analysis(Setting setting, String reason, String expected) {
        return new FailureAnalysis(setting.is() + ": " + reason, action(setting, expected), null);
    }

    private static String action(Setting setting, String expected) {
        if (setting == null) {
            // the constraint's message names the variable and what it must be
            return "Fix or unset the setting named above.";
        }
        return "Set " + setting.name() + " to " + (expected != null ? expected : "a valid value") + ", or unset it to use "
                + (setting.defaultValue() != null ? "the default (" + setting.defaultValue() + ")." : "its default.");
    }

    /** What the operator set: the environment variable (else the property) and its value, masked if secret. */
    private Setting setting(ConfigurationPropertyName name, ConfigurationProperty property) {
        Object raw = property == null ? null : property.getValue();
        Matcher reference = raw instanceof String text ? PROPERTY_REFERENCE.matcher(text.strip()) : null;
        if (reference != null && reference.matches() && ConfigurationPropertyName.isValid(reference.group(1))
                && environmentVariable(property.getOrigin()) == null) {
            // the setting is the other property's, and so is its variable
            ConfigurationPropertyName other = ConfigurationPropertyName.of(reference.group(1));
            if (!other.equals(name)) {
                return setting(other, find(other));
            }
        }
        Matcher placeholder = raw instanceof String text ? PLACEHOLDER.matcher(text.strip()) : null;
        String variable;
        String value;
        String defaultValue = null;
        String fromEnvironment = property == null ? null : environmentVariable(property.getOrigin());
        if (fromEnvironment != null) {
            variable = fromEnvironment;
            value = String.valueOf(raw);
        } else if (placeholder != null && placeholder.matches()) {
            variable = placeholder.group(1);
            defaultValue = placeholder.group(2);
            value = Optional.ofNullable(environment.getProperty(variable)).orElse(defaultValue);
        } else {
            variable = name.toString();
            value = raw == null ? null : String.valueOf(raw);
        }
        if (defaultValue == null) {
            defaultValue = defaultOf(name);
        }
        boolean secret = SECRET.matcher(variable).matches() || SECRET.matcher(name.toString()).matches();
        return new Setting(variable, secret ? HIDDEN : masked(value), secret ? null : defaultValue);
    }

    /** The default a placeholder in a lower property source gives, when the value came from higher up (the environment). */
    private String defaultOf(ConfigurationPropertyName name) {
        return sourcesOf(name).stream().map(ConfigurationProperty::getValue)
                .filter(String.class::isInstance).map(value -> PLACEHOLDER.matcher(((String) value).strip()))
                .filter(Matcher::matches).map(placeholder -> placeholder.group(2)).findFirst().orElse(null);
    }

    private ConfigurationProperty find(ConfigurationPropertyName name) {
        List<ConfigurationProperty> properties = sourcesOf(name);
        return properties.isEmpty() ? null : properties.get(0);
    }

    /** The property in every source that has it, highest precedence first. */
    private List<ConfigurationProperty> sourcesOf(ConfigurationPropertyName name) {
        List<ConfigurationProperty> properties = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                properties.add(property);
            }
        }
        return properties;
    }

    /** The environment variable a value came from, or null. */
    private static String environmentVariable(Origin origin) {
        for (Origin current = origin; current != null; current = current.getParent()) {
            if (current instanceof SystemEnvironmentOrigin variable) {
                return variable.getProperty();
            }
            if (current instanceof PropertySourceOrigin source
                    && source.getPropertySource() instanceof SystemEnvironmentPropertySource) {
                return source.getPropertyName();
            }
        }
        return null;
    }

    /**
     * For a whole number too large or too small for its type ({@code 99999999999} for an int): the limit it passed, so
     * that it is not called "not a whole number"; else null.
     */
    static String limitPassed(ResolvableType type, String value) {
        Class<?> target = type.resolve(Object.class);
        long min;
        long max;
        if (target == int.class || target == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (target == long.class || target == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else if (target == short.class || target == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else {
            return null;
        }
        if (value == null || !WHOLE_NUMBER.matcher(value.strip()).matches()) {
            return null;
        }
        return new BigInteger(value.strip()).signum() > 0 ? "at most " + max : "at least " + min;
    }

    /** What a value of this type looks like, in the operator's terms; null when there is nothing simple to say. */
    static String expectation(ConfigurationPropertyName name, ResolvableType type) {
        Class<?> target = type.resolve(Object.class);
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            String element = expectation(name, target.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0));
            return element == null ? null : element + ", comma-separated";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class
                || target == short.class || target == Short.class) {
            return isPort(name) ? PORT : "a whole number";
        }
        if (target == double.class || target == Double.class || target == float.class || target == Float.class
                || target == BigDecimal.class) {
            return "a number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == Duration.class) {
            return "a duration such as 500ms, 30s, 5m or 1d";
        }
        if (ZoneId.class.isAssignableFrom(target)) {
            return "a time zone such as UTC or America/New_York";
        }
        if (target == URI.class || target == URL.class) {
            return "a URL such as https://example.com";
        }
        if (target == LocalDate.class) {
            return "a date such as 2025-01-09";
        }
        if (target.isEnum()) {
            return "one of " + Arrays.stream(target.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        return null;
    }

    private static boolean isPort(ConfigurationPropertyName name) {
        return name.getLastElement(ConfigurationPropertyName.Form.DASHED).endsWith("port");
    }

    /** A URL's password (user:password@ or password=) is masked. */
    private static String masked(String value) {
        return value == null ? null
                : value.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
    }

    private static String dashed(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return firstLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse(text);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    private record Setting(String name, String value, String defaultValue) {

        boolean isSecret() {
            return HIDDEN.equals(value);
        }

        String is() {
            return value == null ? name : name + " is '" + value + "'";
        }
    }
}
