package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18 point 3: every {@code /api/v1} operation documents what it answers. A handler that returns a hand-built
 * {@code Map} shows up in the OpenAPI document as a free-form object (no properties, no reference); one that returns
 * nothing documented has no content at all. Either fails here, so the API cannot drift back to untyped answers.
 */
@AppTest
class OpenApiSchemasTests {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Autowired
    MockMvc mvc;

    @Test
    void every_api_operation_has_a_typed_response_schema() throws Exception {
        JsonNode doc = ApiClient.body(new ApiClient(mvc).call("supervisor", get("/v3/api-docs")));
        JsonNode schemas = doc.path("components").path("schemas");
        List<String> untyped = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String problem = problemOf(op.getValue().path("responses"), schemas);
                if (problem != null) {
                    untyped.add(op.getKey().toUpperCase() + " " + path.getKey() + ": " + problem);
                }
            }
        }
        assertThat(operations).isGreaterThan(100);
        assertThat(untyped).isEmpty();
    }

    /** Null when a success answer is documented with a typed schema (or is 204, or a file). */
    private static String problemOf(JsonNode responses, JsonNode schemas) {
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            if (!response.getKey().startsWith("2")) {
                continue;
            }
            if (response.getKey().equals("204")) {
                return null;
            }
            JsonNode content = response.getValue().path("content");
            if (content.isMissingNode() || content.isEmpty()) {
                return response.getKey() + " without content";
            }
            for (Map.Entry<String, JsonNode> media : content.properties()) {
                if (!media.getKey().contains("json")) {
                    return null; // a file: CSV, PDF, XLSX, a document's bytes
                }
                String why = untyped(media.getValue().path("schema"), schemas);
                if (why != null) {
                    return response.getKey() + " " + why;
                }
            }
            return null;
        }
        return "no success response";
    }

    private static String untyped(JsonNode schema, JsonNode schemas) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            JsonNode target = schemas.path(name);
            return target.has("properties") || target.has("oneOf") || target.has("allOf") || target.has("enum")
                    ? null : "refers to " + name + ", which has no properties";
        }
        if (schema.has("oneOf") || schema.has("allOf") || schema.has("anyOf")) {
            return null;
        }
        String type = schema.path("type").asText("");
        if (type.equals("array")) {
            return untyped(schema.path("items"), schemas);
        }
        if (type.equals("object") || type.isEmpty()) {
            return schema.has("properties") ? null : "a free-form object";
        }
        return null; // string, number, boolean
    }
}
