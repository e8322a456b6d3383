package com.cloudquant.liberator.tokenservice.security;

/** What a client sent, made safe to put in a log line (no forged fields, no terminal escapes). */
final class LogText {

    private LogText() {
    }

    static String printable(String user) {
        return user == null ? "" : user.replaceAll("[^A-Za-z0-9._@-]", "?");
    }
}
