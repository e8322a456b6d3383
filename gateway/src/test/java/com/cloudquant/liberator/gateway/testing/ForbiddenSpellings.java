package com.cloudquant.liberator.gateway.testing;

import java.util.List;

/**
 * Spellings of admin, write, remote-read, reload, quit and traversal paths an attacker
 * might try. None may reach upstream, whatever the token.
 */
public final class ForbiddenSpellings {

    private ForbiddenSpellings() {
    }

    public static final String P = "/metrics-api-bearer";

    /** Raw request targets, sent byte for byte. */
    public static final List<String> RAW_PATHS = List.of(
            // admin, plain and cased
            P + "/api/v1/admin/tsdb/delete_series?match[]=up",
            P + "/api/v1/admin/tsdb/snapshot",
            P + "/api/v1/admin/tsdb/clean_tombstones",
            P + "/API/V1/ADMIN/tsdb/snapshot",
            P + "/Api/V1/Admin/Tsdb/Snapshot",
            P + "/api/v1/admin",
            P + "/api/v1/admin/",
            // admin, percent-encoded, double-encoded, mixed
            P + "/api/v1/%61dmin/tsdb/snapshot",
            P + "/api/v1/%2561dmin/tsdb/snapshot",
            P + "/api%2fv1%2fadmin%2ftsdb%2fsnapshot",
            P + "/api%252fv1%252fadmin%252ftsdb%252fsnapshot",
            P + "/%61%70%69/%76%31/%61%64%6d%69%6e/tsdb/snapshot",
            P + "/api/v1/ADMIN%2Ftsdb%2Fsnapshot",
            // admin via dot segments, double slashes, backslashes, matrix params
            P + "/api/v1/query/../admin/tsdb/snapshot",
            P + "/api/v1/./admin/tsdb/snapshot",
            P + "//api//v1//admin//tsdb//snapshot",
            P + "/api/v1/admin;x=y/tsdb/snapshot",
            P + "/api;/v1;/admin;/tsdb/snapshot",
            P + "/api\\v1\\admin\\tsdb\\snapshot",
            P + "/api%5cv1%5cadmin%5ctsdb%5csnapshot",
            P + "/api/v1/query/%2e%2e/admin/tsdb/snapshot",
            P + "/api/v1/query/%252e%252e/admin/tsdb/snapshot",
            P + "/api/v1/query/.%2e/admin/tsdb/snapshot",
            P + "/api/v1/query/%2e./admin/tsdb/snapshot",
            P + "/api/v1/labels/..;/admin/tsdb/snapshot",
            // remote write
            P + "/api/v1/write",
            P + "/API/V1/WRITE",
            P + "/api/v1/%77rite",
            P + "/api/v1/%2577rite",
            P + "/api/v1/query/../write",
            P + "/api/v1/write;",
            P + "/api/v1/write/",
            P + "//api/v1/write",
            P + "/api/v1/otlp/v1/metrics",
            P + "/api/v1/OTLP/v1/metrics",
            // remote read
            P + "/api/v1/read",
            P + "/api/v1/Read",
            P + "/api/v1/%72ead",
            P + "/api/v1/series/../read",
            // reload / quit / debug / sensitive status
            P + "/-/reload",
            P + "/-/quit",
            P + "/-/RELOAD",
            P + "/%2d/reload",
            P + "/%252d/quit",
            P + "/./-/reload",
            P + "/api/v1/../../-/reload",
            P + "/federate/../-/quit",
            P + "/debug/pprof/heap",
            P + "/DEBUG/pprof/profile",
            P + "/api/v1/status/config",
            P + "/api/v1/status/flags",
            P + "/api/v1/status/runtimeinfo",
            P + "/api/v1/status/tsdb",
            P + "/api/v1/targets",
            P + "/api/v1/scrape_pools",
            P + "/api/v1/status/buildinfo/../config",
            // traversal out of the prefix or the root
            P + "/../api/v1/admin/tsdb/snapshot",
            P + "/..%2fapi/v1/admin/tsdb/snapshot",
            P + "/%2e%2e/%2e%2e/etc/passwd",
            P + "/../../../../etc/passwd",
            P + "/api/v1/query/../../../../../-/reload",
            "/api/v1/admin/tsdb/snapshot",
            "/-/reload",
            "/api/v1/write",
            // the management endpoints, asked on the public port (they answer on the management port only)
            "/health",
            "/health/readiness",
            "/prometheus",
            "/beans",
            "/refresh",
            P + "/health",
            P + "/prometheus",
            P + "/refresh",
            // malformed encodings
            P + "/api/v1/%zzadmin",
            P + "/api/v1/%",
            P + "/api/v1/%25252561dmin",
            P + "/api/v1/query%00",
            P + "/api/v1/%c0%aeadmin",
            // unknown
            P + "/graph",
            P + "/metrics",
            P + "/api/v2/write",
            P + "/api/v1/query/extra",
            P + "/api/v1/label/bad-name!/values");
}
