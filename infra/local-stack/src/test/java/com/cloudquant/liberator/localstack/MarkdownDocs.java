package com.cloudquant.liberator.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * README.md and docs/*.md as a reader sees them on GitHub: their relative links and the
 * anchors their headings make.
 */
final class MarkdownDocs {

    static final Path ROOT = Path.of(System.getProperty("liberator.repo.root", "../..")).toAbsolutePath().normalize();

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[ \\t]*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]\\n]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");

    /** A link as written, and the file it was written in. */
    record Link(Path file, String target) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ": (" + target + ")";
        }
    }

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    /** README.md and every docs/*.md. */
    static List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ROOT.resolve("docs"), e);
        }
        return files;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Links outside code: an example in a code block is not a link. Absolute URLs are not relative links. */
    static List<Link> relativeLinks(Path file) {
        List<Link> links = new ArrayList<>();
        Matcher m = LINK.matcher(INLINE_CODE.matcher(FENCE.matcher(read(file)).replaceAll("")).replaceAll(""));
        while (m.find()) {
            if (!SCHEME.matcher(m.group(1)).find()) {
                links.add(new Link(file, m.group(1)));
            }
        }
        return links;
    }

    /** Why the link does not resolve, or null when it does. */
    String problem(Link link) {
        String[] parts = link.target().split("#", 2);
        String path = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        Path target = path.isEmpty() ? link.file() : link.file().getParent().resolve(path).normalize();
        if (!target.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(target)) {
            return "no file " + ROOT.relativize(target);
        }
        if (parts.length == 2 && target.toString().endsWith(".md") && !anchors(target).contains(parts[1])) {
            return "no heading in " + ROOT.relativize(target) + " makes the anchor #" + parts[1];
        }
        return null;
    }

    /** GitHub's anchors: each heading's slug (a repeated one gets -1, -2, …) and any {@code <a id>}. */
    Set<String> anchors(Path file) {
        return anchors.computeIfAbsent(file, f -> {
            String text = read(f);
            Set<String> found = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            Matcher heading = HEADING.matcher(FENCE.matcher(text).replaceAll(""));
            while (heading.find()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                found.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher html = HTML_ANCHOR.matcher(text);
            while (html.find()) {
                found.add(html.group(1));
            }
            return found;
        });
    }

    /** As GitHub makes it: lower case, punctuation (backticks, dashes like —, dots, slashes) dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }
}
