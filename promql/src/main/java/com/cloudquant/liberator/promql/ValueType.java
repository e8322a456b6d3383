package com.cloudquant.liberator.promql;

/** The type of a PromQL expression's value, named as Prometheus names it in its errors. */
enum ValueType {
    SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String documented;

    ValueType(String documented) {
        this.documented = documented;
    }

    @Override
    public String toString() {
        return documented;
    }
}
