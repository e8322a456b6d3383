package com.cloudquant.liberator.promql;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The slice of series a token may see: label matchers ANDed together, written as a PromQL
 * selector without a metric name, {@code {namespace="payments",cluster=~"eu-.*"}}.
 *
 * <p>Only {@code =} and {@code =~} are allowed, each must refuse series that lack the label (so
 * {@code =""} and a regex matching "" are refused), and {@code __name__} cannot be scoped. The
 * same label may appear more than once (all must hold).
 *
 * <p><b>Canonical form</b> ({@link #canonical()}), signed into the audit log and therefore fixed
 * forever: {@code {} + matchers joined by {@code ,} + {@code }}, no whitespace; each matcher is
 * {@code name}, {@code =} or {@code =~}, then the value in double quotes; matchers sorted by name
 * (ASCII order), then {@code =} before {@code =~}, then value (Unicode code point order), exact
 * duplicates removed. In the quoted value, printable ASCII (U+0020–U+007E) stands for itself
 * except {@code "} and {@code \}, written {@code \"} and {@code \\}; U+0007–U+000D are written
 * {@code \a \b \t \n \v \f \r}; every other code point below U+0080 is {@code \x} + 2 lowercase
 * hex digits; every other code point is <code>&#92;u</code> + 4 lowercase hex digits (BMP) or
 * {@code \U} + 8 (above U+FFFF). So the form is pure printable ASCII and depends on no
 * Unicode table. {@link #NONE}, the unscoped scope, has the canonical form "" (empty).
 */
public final class Scope {

    /** No scope: the token sees every series, as before scopes existed. */
    public static final Scope NONE = new Scope(List.of());

    private static final Comparator<LabelMatcher> ORDER = Comparator.comparing(LabelMatcher::name)
            .thenComparing(LabelMatcher::type)
            .thenComparing(LabelMatcher::value, Scope::compareCodePoints);

    private final List<LabelMatcher> matchers;
    private final List<Predicate<String>> tests;
    private final String canonical;

    private Scope(List<LabelMatcher> matchers) {
        TreeSet<LabelMatcher> sorted = new TreeSet<>(ORDER);
        sorted.addAll(matchers);
        this.matchers = List.copyOf(sorted);
        // compiled once: admits() runs per series on the gateway's answers, from many threads
        this.tests = this.matchers.stream().map(LabelMatcher::compiled).toList();
        StringBuilder sb = new StringBuilder();
        for (LabelMatcher m : this.matchers) {
            sb.append(sb.length() == 0 ? "{" : ",").append(m.name()).append(m.type().symbol())
                    .append(Quoting.quoteAscii(m.value()));
        }
        this.canonical = sb.length() == 0 ? "" : sb.append('}').toString();
    }

    /**
     * Parses a scope selector (PromQL selector syntax: whitespace and {@code #} comments allowed,
     * {@code "…"}, {@code '…'} and {@code `…`} strings with Prometheus's escapes, a trailing comma).
     *
     * @throws PromQLException naming the position for anything that is not a valid scope
     */
    public static Scope parse(String selector) {
        return new Scope(ScopeSelector.matchers(selector));
    }

    /** The matchers in canonical order, duplicates removed; empty for {@link #NONE}. */
    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public boolean isUnscoped() {
        return matchers.isEmpty();
    }

    /** The canonical form described in the class comment; "" for {@link #NONE}. */
    public String canonical() {
        return canonical;
    }

    /** Whether a series with these labels ({@code __name__} included or not) lies in the scope. */
    public boolean admits(Map<String, String> labels) {
        for (int i = 0; i < matchers.size(); i++) {
            String value = labels.get(matchers.get(i).name());
            if (!tests.get(i).test(value == null ? "" : value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return isUnscoped() ? "Scope.NONE" : canonical;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
