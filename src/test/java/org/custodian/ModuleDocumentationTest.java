package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Writes the module diagram that docs/architecture.md shows, from the code as it is (no Spring
 * context): {@code docs/modules/components.puml} (all modules and their dependencies),
 * {@code module-<name>.puml} (each module with its neighbours) and {@code module-<name>.adoc} (each
 * module's canvas: its API, events, configuration). Commit what changes with the code.
 */
class ModuleDocumentationTest {

    private static final Path FOLDER = Path.of("docs", "modules");

    @Test
    void writesTheModuleDiagramAndCanvasesMentioningEveryModule() throws IOException {
        ApplicationModules modules = ApplicationModules.of(CustodianApplication.class);
        javadocForBasicJsonParser();

        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(FOLDER.toString()))
                // A module nothing uses yet (a new one, before it is wired in) is still drawn.
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults()
                        .withElementsWithoutRelationships(Documenter.DiagramOptions.ElementsWithoutRelationships.VISIBLE))
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        inStableOrder();

        List<ApplicationModule> all = modules.stream().toList();
        // Every top-level package is a module, and every module is in the diagram.
        try (Stream<Path> packages = Files.list(Path.of("src", "main", "java", "org", "custodian"))) {
            assertThat(all).extracting(m -> m.getIdentifier().toString())
                    .as("modules").hasSizeGreaterThanOrEqualTo(12)
                    .containsExactlyInAnyOrderElementsOf(packages.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString()).toList());
        }

        Path components = FOLDER.resolve("components.puml");
        assertThat(components).as("the diagram of all modules").isRegularFile();
        String diagram = Files.readString(components);
        for (ApplicationModule module : all) {
            String name = module.getIdentifier().toString();
            // The diagram labels a module with its display name (disclosure: "Release of information").
            assertThat(diagram).as("components.puml shows " + name).contains("\"" + module.getDisplayName() + "\"");
            assertThat(FOLDER.resolve("module-" + name + ".puml")).as("diagram of " + name).isRegularFile();
            assertThat(FOLDER.resolve("module-" + name + ".adoc")).as("canvas of " + name).isRegularFile();
        }
    }

    /**
     * The canvases take each module's description from the Javadoc that spring-modulith-apt extracts at
     * compile time into {@code target/generated-spring-modulith/javadoc.json}. Spring Modulith 2.0.3 reads
     * it with Boot's BasicJsonParser (spring-modulith#1685), which loses escaped quotes and backslashes
     * below the top level and counts brackets and braces inside strings too; the extractor cuts
     * {@code web.PageContext}'s comment inside a {@code {@code ...}}. So in the build output, inside each
     * string, {@code \"} becomes {@code '}, {@code \\} becomes {@code /}, and unbalanced brackets become
     * parentheses; the next compile writes the file afresh.
     */
    private static void javadocForBasicJsonParser() throws IOException {
        Path javadoc = Path.of("target", "generated-spring-modulith", "javadoc.json");
        if (!Files.isRegularFile(javadoc)) {
            return;
        }
        String json = Files.readString(javadoc);
        StringBuilder out = new StringBuilder(json.length());
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            StringBuilder literal = new StringBuilder("\"");
            i++;
            while (json.charAt(i) != '"') {
                char d = json.charAt(i);
                if (d == '\\') {
                    char escaped = json.charAt(i + 1);
                    literal.append(escaped == '"' ? "'" : escaped == '\\' ? "/" : "\\" + escaped);
                    i += 2;
                } else {
                    literal.append(d);
                    i++;
                }
            }
            literal.append('"');
            i++;
            String text = literal.toString();
            if (count(text, '[') != count(text, ']') || count(text, '{') != count(text, '}')) {
                text = text.replace('[', '(').replace(']', ')').replace('{', '(').replace('}', ')');
            }
            out.append(text);
        }
        Files.writeString(javadoc, out);
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }

    /**
     * The Documenter lists components and relations in hash order, which differs from run to run; sorted,
     * the committed files change only when the modules do (PlantUML does not depend on the order).
     */
    private static void inStableOrder() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                int start = 0;
                while (start < lines.size()) {
                    String kind = kind(lines.get(start));
                    int end = start + 1;
                    while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
                        end++;
                    }
                    if (kind != null) {
                        Collections.sort(lines.subList(start, end));
                    }
                    start = end;
                }
                Files.write(file, lines);
            }
        }
    }

    private static String kind(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("Rel(") ? "Rel" : trimmed.startsWith("Component(") ? "Component" : null;
    }
}
