package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of infra/nginx/nginx.conf that a Debian nginx on this host can load. The file is
 * written for the nginx container, so the copy changes only what the container provides and
 * this host does not, and fails if any change no longer applies (a rewrite that silently
 * stops matching would test the wrong file):
 * <ul>
 *   <li>upstream host names (gateway-1, gateway-2, token-service) resolve only on the Compose
 *       network, and nginx resolves them while loading the file: each becomes 127.0.0.1 on
 *       the port given for it (its own port when none is given; nothing needs to listen
 *       for `nginx -t`);</li>
 *   <li>the certificate comes from the tls-init script run into {@code prefix/tls};</li>
 *   <li>pid, logs and temp directories move into {@code prefix}, and `user nginx;` goes
 *       (Debian has no such user), so nothing touches the host's own nginx;</li>
 *   <li>optionally, listen directives move to free ports.</li>
 * </ul>
 */
final class NginxRendering {

    static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*server\\s+)([a-z][a-z0-9.-]*):(\\d+)");
    static final Set<String> UPSTREAM_HOSTS = Set.of("gateway-1", "gateway-2", "token-service");

    private NginxRendering() {
    }

    static String render(String config, Path prefix, Map<String, Integer> upstreamPorts, Map<String, String> listens) {
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put("user nginx;\n", "");
        replacements.put("/etc/nginx/tls/", prefix.resolve("tls") + "/");
        replacements.put("pid /var/run/nginx.pid;", "pid " + prefix.resolve("nginx.pid") + ";");
        replacements.put("/var/log/nginx/", prefix.resolve("logs") + "/");
        replacements.put("http {\n", "http {\n    client_body_temp_path " + prefix.resolve("tmp-body") + ";\n"
                + "    proxy_temp_path " + prefix.resolve("tmp-proxy") + ";\n"
                + "    fastcgi_temp_path " + prefix.resolve("tmp-fastcgi") + ";\n"
                + "    uwsgi_temp_path " + prefix.resolve("tmp-uwsgi") + ";\n"
                + "    scgi_temp_path " + prefix.resolve("tmp-scgi") + ";\n");
        listens.forEach((from, to) -> replacements.put("listen " + from + ";", "listen " + to + ";"));
        listens.forEach((from, to) -> replacements.put("listen " + from + " ssl;", "listen " + to + " ssl;"));
        String rendered = config;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (replacement.getKey().startsWith("listen ") && !rendered.contains(replacement.getKey())) {
                continue; // a listen port appears either plain or with ssl
            }
            assertThat(rendered).as("nginx.conf still contains %s", replacement.getKey()).contains(replacement.getKey());
            rendered = rendered.replace(replacement.getKey(), replacement.getValue());
        }
        for (String from : listens.keySet()) {
            assertThat(rendered).as("listen %s rewritten", from).doesNotContain("listen " + from + ";", "listen " + from + " ssl;");
        }
        Set<String> hosts = new TreeSet<>();
        Matcher server = UPSTREAM_SERVER.matcher(rendered);
        StringBuilder out = new StringBuilder();
        while (server.find()) {
            String host = server.group(2);
            hosts.add(host);
            int port = upstreamPorts.getOrDefault(host, Integer.parseInt(server.group(3)));
            server.appendReplacement(out, Matcher.quoteReplacement(server.group(1) + "127.0.0.1:" + port));
        }
        server.appendTail(out);
        assertThat(hosts).isEqualTo(UPSTREAM_HOSTS);
        return out.toString();
    }
}
