package org.lcnflow.cli.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README, of {@code docs/} and of the examples' READMEs resolves: the file
 * exists, and an anchor {@code #...} names a heading of the file it points to (GitHub's slugs: lower case,
 * punctuation dropped, spaces as hyphens). Links inside code blocks and to web addresses are not checked.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkResolves() {
        Path root = Checkout.root();
        List<Path> pages = pages(root);
        assertTrue(pages.contains(root.resolve("README.md")), "no README.md in " + root);
        assertTrue(pages.stream().anyMatch(p -> p.startsWith(root.resolve("docs"))), "no page in docs/");
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            List<String> lines = read(page);
            boolean inCode = false;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.trim().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (inCode) {
                    continue;
                }
                Matcher m = LINK.matcher(withoutInlineCode(line));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                        continue; // https:, mailto:
                    }
                    checked++;
                    String problem = problem(page, target);
                    if (problem != null) {
                        broken.add(root.relativize(page) + ":" + (n + 1) + ": (" + target + ") " + problem);
                    }
                }
            }
        }
        assertTrue(checked >= 20, "only " + checked + " links found");
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    void theReadmeFitsOnAPage() {
        List<String> lines = read(Checkout.root().resolve("README.md"));
        assertTrue(lines.size() <= 150, "README.md has " + lines.size() + " lines, at most 150 allowed");
    }

    @Test
    void slugsFollowGitHub() {
        assertTrue(slug("Long runs: checkpoint and resume").equals("long-runs-checkpoint-and-resume"));
        assertTrue(slug("Hipparchus's integrators").equals("hipparchuss-integrators"));
        assertTrue(slug("The `lcn` command").equals("the-lcn-command"));
    }

    /** @return null when the link resolves, else what is wrong */
    private static String problem(Path page, String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file " + resolved;
        }
        if (anchor != null) {
            if (!resolved.toString().endsWith(".md")) {
                return "an anchor into a file that is not Markdown";
            }
            Set<String> anchors = anchors(resolved);
            if (!anchors.contains(anchor)) {
                return "no heading #" + anchor + " in " + resolved.getFileName() + "; headings: " + anchors;
            }
        }
        return null;
    }

    private static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Set<String> seen = new HashSet<>();
        boolean inCode = false;
        for (String line : read(page)) {
            if (line.trim().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!inCode && m.matches()) {
                String slug = slug(m.group(1));
                String unique = slug;
                for (int i = 1; !seen.add(unique); i++) {
                    unique = slug + "-" + i;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    /** GitHub's heading anchors: lower case, only letters, digits, spaces, hyphens and underscores kept. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static String withoutInlineCode(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }

    private static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"));
             Stream<Path> examples = Files.walk(root.resolve("lcn-examples"))) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
            pages.addAll(examples.filter(p -> p.getFileName().toString().equals("README.md"))
                    .filter(p -> !root.relativize(p).toString().contains("target"))
                    .sorted().collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
