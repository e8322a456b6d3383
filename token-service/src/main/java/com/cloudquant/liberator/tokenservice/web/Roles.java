package com.cloudquant.liberator.tokenservice.web;

/** The two roles of the admin API. */
final class Roles {
    static final String SUPER_ADMIN = "super-admin";
    static final String AUDITOR = "auditor";

    private Roles() {
    }
}
