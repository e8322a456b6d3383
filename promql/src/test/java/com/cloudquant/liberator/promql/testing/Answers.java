package com.cloudquant.liberator.promql.testing;

import com.cloudquant.liberator.promql.testing.PrometheusServer.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/** Compares Prometheus answers by meaning: same status, same type, same series in any order. */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    public static boolean same(Answer a, Answer b) {
        if (a.status() != b.status()) {
            return false;
        }
        JsonNode x = read(a);
        JsonNode y = read(b);
        if (a.status() != 200) {
            return x.path("errorType").equals(y.path("errorType"));
        }
        JsonNode dx = x.path("data");
        JsonNode dy = y.path("data");
        if (!dx.path("resultType").equals(dy.path("resultType"))) {
            return false;
        }
        JsonNode rx = dx.path("result");
        JsonNode ry = dy.path("result");
        if (!rx.isArray() || rx.size() == 0 || !rx.get(0).isObject()) {
            return rx.equals(ry);
        }
        return elements(rx).equals(elements(ry));
    }

    public static boolean hasData(Answer a) {
        JsonNode result = read(a).path("data").path("result");
        return result.isArray() ? result.size() > 0 : !result.isMissingNode();
    }

    private static Set<JsonNode> elements(JsonNode array) {
        Set<JsonNode> set = new HashSet<>();
        array.forEach(set::add);
        return set;
    }

    private static JsonNode read(Answer a) {
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
