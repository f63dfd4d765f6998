package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        javadocWithBalancedBrackets();

        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(FOLDER.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();

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
     * it with Boot's BasicJsonParser, which counts brackets and braces inside strings too, so one comment
     * with an unbalanced one fails every canvas (the parser of spring-modulith#1685); the extractor cuts
     * {@code web.PageContext}'s comment inside a {@code {@code ...}}. Such a comment's brackets become
     * parentheses in the build output; the next compile writes the file afresh.
     */
    private static void javadocWithBalancedBrackets() throws IOException {
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
            int end = i + 1;
            while (json.charAt(end) != '"') {
                end += json.charAt(end) == '\\' ? 2 : 1;
            }
            String literal = json.substring(i, end + 1);
            if (count(literal, '[') != count(literal, ']') || count(literal, '{') != count(literal, '}')) {
                literal = literal.replace('[', '(').replace(']', ')').replace('{', '(').replace('}', ')');
            }
            out.append(literal);
            i = end + 1;
        }
        Files.writeString(javadoc, out);
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }
}
