package com.cloudquant.liberator.promql;

import static com.cloudquant.liberator.promql.ValueType.MATRIX;
import static com.cloudquant.liberator.promql.ValueType.SCALAR;
import static com.cloudquant.liberator.promql.ValueType.STRING;
import static com.cloudquant.liberator.promql.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of Prometheus 2.42 with their argument and return types. Arity as Prometheus
 * checks it: variadic 0 means exactly the listed arguments; otherwise the last listed argument
 * is optional and may repeat, at most {@code variadic} times when positive, without limit at -1.
 */
final class Functions {

    record Function(String name, List<ValueType> argTypes, int variadic, ValueType returns) {
    }

    private static final Map<String, Function> BY_NAME = new HashMap<>();

    static {
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil",
                "cos", "cosh", "deg", "exp", "floor", "histogram_count", "histogram_sum", "ln", "log10", "log2",
                "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            add(name, 0, VECTOR, VECTOR);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time",
                "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            add(name, 0, VECTOR, MATRIX);
        }
        for (String name : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour",
                "minute", "month", "year")) {
            add(name, 1, VECTOR, VECTOR);
        }
        add("clamp", 0, VECTOR, VECTOR, SCALAR, SCALAR);
        add("clamp_max", 0, VECTOR, VECTOR, SCALAR);
        add("clamp_min", 0, VECTOR, VECTOR, SCALAR);
        add("histogram_fraction", 0, VECTOR, SCALAR, SCALAR, VECTOR);
        add("histogram_quantile", 0, VECTOR, SCALAR, VECTOR);
        add("holt_winters", 0, VECTOR, MATRIX, SCALAR, SCALAR);
        add("label_replace", 0, VECTOR, VECTOR, STRING, STRING, STRING, STRING);
        add("label_join", -1, VECTOR, VECTOR, STRING, STRING, STRING);
        add("pi", 0, SCALAR);
        add("predict_linear", 0, VECTOR, MATRIX, SCALAR);
        add("quantile_over_time", 0, VECTOR, SCALAR, MATRIX);
        add("round", 1, VECTOR, VECTOR, SCALAR);
        add("scalar", 0, SCALAR, VECTOR);
        add("time", 0, SCALAR);
        add("vector", 0, VECTOR, SCALAR);
    }

    private Functions() {
    }

    private static void add(String name, int variadic, ValueType returns, ValueType... args) {
        BY_NAME.put(name, new Function(name, List.of(args), variadic, returns));
    }

    /** The function of that exact (case-sensitive) name, or null. */
    static Function get(String name) {
        return BY_NAME.get(name);
    }
}
