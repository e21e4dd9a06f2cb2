package io.mdw.api.web;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Says of the answers' schemas which fields are always there (required) and which of those may be null, so that a
 * generated client types them as the API writes them. Jackson writes every component of a record, null or not,
 * unless the component's @JsonInclude leaves some values out. Whether a component may be null is what JSpecify says:
 * in a @NullMarked record (or class or package around it) only a @Nullable one may be; elsewhere every reference may
 * be, as nobody has said otherwise. A primitive never is. Request bodies keep their schemas: there a field may be
 * left out.
 */
@Component
public class AnswerFields implements ModelConverter, OpenApiCustomizer {

    private static final String SCHEMAS = "#/components/schemas/";

    private final ObjectMapper models;
    /** The records that springdoc made schemas of, by schema name: it names a schema after the type it read. */
    private final Map<String, Class<?>> recordsBySchema = new ConcurrentHashMap<>();

    public AnswerFields(ModelResolver models) {
        this.models = models.objectMapper();
    }

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = models.constructType(type.getType()).getRawClass();
        if (resolved != null && raw.isRecord()) {
            String name = resolved.get$ref() != null ? resolved.get$ref().replace(SCHEMAS, "") : resolved.getName();
            if (name != null) {
                recordsBySchema.put(name, raw);
            }
        }
        return resolved;
    }

    @Override
    public void customise(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> answers = new HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                operation.getResponses().values().forEach(response -> Optional.ofNullable(response.getContent())
                        .ifPresent(content -> content.values().forEach(media ->
                                collectReferenced(media.getSchema(), schemas, answers))))));
        answers.forEach(name -> Optional.ofNullable(recordsBySchema.get(name))
                .ifPresent(record -> describe(schemas.get(name), record)));
    }

    /** Adds the names of the component schemas that {@code schema} refers to, however deep, to {@code names}. */
    private static void collectReferenced(Schema<?> schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().replace(SCHEMAS, "");
            if (names.add(name)) {
                collectReferenced(schemas.get(name), schemas, names);
            }
            return;
        }
        List<Schema> nested = new ArrayList<>();
        Optional.ofNullable(schema.getProperties()).ifPresent(properties -> nested.addAll(properties.values()));
        Optional.ofNullable(schema.getAllOf()).ifPresent(nested::addAll);
        Optional.ofNullable(schema.getAnyOf()).ifPresent(nested::addAll);
        Optional.ofNullable(schema.getOneOf()).ifPresent(nested::addAll);
        Optional.ofNullable(schema.getItems()).ifPresent(nested::add);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            nested.add(values);
        }
        nested.forEach(inner -> collectReferenced(inner, schemas, names));
    }

    private void describe(Schema<?> schema, Class<?> record) {
        Map<String, RecordComponent> components = Arrays.stream(record.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));
        List<String> required = new ArrayList<>(Optional.ofNullable(schema.getRequired()).orElse(List.of()));
        for (BeanPropertyDefinition property : models.getSerializationConfig()
                .introspect(models.constructType(record)).findProperties()) {
            RecordComponent component = components.get(property.getInternalName());
            Schema<?> propertySchema = schema.getProperties() == null ? null : schema.getProperties().get(property.getName());
            if (component == null || propertySchema == null || !alwaysWritten(property)) {
                continue;
            }
            if (!required.contains(property.getName())) {
                required.add(property.getName());
            }
            if (mayBeNull(component, record)) {
                schema.getProperties().put(property.getName(), admittingNull(propertySchema));
            }
        }
        schema.setRequired(required);
    }

    private static boolean alwaysWritten(BeanPropertyDefinition property) {
        JsonInclude.Include inclusion = property.findInclusion().getValueInclusion();
        return inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS;
    }

    private static boolean mayBeNull(RecordComponent component, Class<?> record) {
        if (component.getType().isPrimitive()) {
            return false;
        }
        return component.getAnnotatedType().isAnnotationPresent(Nullable.class) || !nullMarked(record);
    }

    private static boolean nullMarked(Class<?> type) {
        for (Class<?> enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass()) {
            if (enclosing.isAnnotationPresent(NullMarked.class)) {
                return true;
            }
        }
        AnnotatedElement pkg = type.getPackage();
        return pkg != null && pkg.isAnnotationPresent(NullMarked.class);
    }

    /** OpenAPI 3.1 (what springdoc writes) says "or null" with the type null; a reference is one of the two. */
    private static Schema<?> admittingNull(Schema<?> property) {
        if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(property, new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = new LinkedHashSet<>(Optional.ofNullable(property.getTypes()).orElse(Set.of()));
        Optional.ofNullable(property.getType()).ifPresent(types::add);
        // a property of no type takes any value, null too
        if (!types.isEmpty()) {
            types.add("null");
            property.setTypes(types);
        }
        return property;
    }
}
