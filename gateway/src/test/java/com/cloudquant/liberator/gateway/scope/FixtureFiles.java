package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.TwoTenantData.AT;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.FIRST;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.LAST;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.STEP;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The fixture as files: OpenMetrics to backfill, the text a scrape reads, the rules. */
final class FixtureFiles {

    private FixtureFiles() {
    }

    /** Every sample of every series, in the OpenMetrics text {@code promtool tsdb create-blocks-from} reads. */
    static Path writeOpenMetrics(TwoTenantData data, Path file) {
        List<FixtureSeries> all = data.series();
        List<String> selectors = all.stream().map(FixtureSeries::selector).toList();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long t = FIRST; t <= LAST; t += STEP) {
                for (int i = 0; i < all.size(); i++) {
                    double value = all.get(i).valueAt().applyAsDouble(t);
                    if (!Double.isNaN(value)) {
                        out.write(selectors.get(i));
                        out.write(' ');
                        out.write(Double.toString(value));
                        out.write(' ');
                        out.write(Long.toString(t));
                        out.write('\n');
                    }
                }
            }
            out.write("# EOF\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Prometheus text exposition of every family but {@code up} (a scrape makes its own) with
     * HELP and TYPE, valued as at {@link TwoTenantData#AT}: what the fixture exporter serves, so
     * that metadata and current alerts exist for both tenants.
     */
    static String exposition(TwoTenantData data) {
        StringBuilder out = new StringBuilder();
        for (Family family : data.families()) {
            if (family.name().equals("up")) {
                continue;
            }
            out.append("# HELP ").append(family.name()).append(' ').append(family.help()).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.type()).append('\n');
            for (FixtureSeries series : data.series()) {
                double value = series.valueAt().applyAsDouble(AT);
                if (familyOf(series, family) && !Double.isNaN(value)) {
                    out.append(series.selector()).append(' ').append(value).append('\n');
                }
            }
        }
        return out.toString();
    }

    static boolean familyOf(FixtureSeries series, Family family) {
        String name = series.name();
        if (!family.type().equals("histogram")) {
            return name.equals(family.name());
        }
        return name.equals(family.name() + "_bucket") || name.equals(family.name() + "_sum")
                || name.equals(family.name() + "_count");
    }

    /** The recording and alerting rules of both tenants, copied where Prometheus reads them. */
    static Path writeRules(Path file) {
        try (InputStream in = FixtureFiles.class.getResourceAsStream("/scope/rules.yml")) {
            if (in == null) {
                throw new IllegalStateException("test resource /scope/rules.yml is missing");
            }
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
