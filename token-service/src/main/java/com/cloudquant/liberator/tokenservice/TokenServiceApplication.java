package com.cloudquant.liberator.tokenservice;

import io.micronaut.runtime.Micronaut;

public class TokenServiceApplication {
    public static void main(String[] args) {
        Micronaut.run(TokenServiceApplication.class, args);
    }
}
