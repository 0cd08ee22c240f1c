package org.lcnflow.cli.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * lcn-bom pins exactly the library modules, at the build's version: a library module is one whose jar names
 * its module ({@code Automatic-Module-Name} in its pom), and that name is {@code org.lcnflow.} and the
 * artifact's name without {@code lcn-}. A library module added without its BOM entry, or the BOM's version
 * left behind at a release, fails here.
 */
class BomTest {

    @Test
    void theBomPinsEveryLibraryModuleAtTheBuildsVersionAndNothingElse() throws Exception {
        Path root = Checkout.root();
        Document parent = read(root.resolve("pom.xml"));
        String version = child(parent.getDocumentElement(), "version").getTextContent().trim();
        List<String> modules = texts(child(parent.getDocumentElement(), "modules"), "module");
        assertTrue(modules.contains("lcn-bom"), "lcn-bom is not a module of the build: " + modules);

        Set<String> libraries = new TreeSet<>();
        for (String module : modules) {
            Path pom = root.resolve(module).resolve("pom.xml");
            NodeList names = read(pom).getElementsByTagName("Automatic-Module-Name");
            if (names.getLength() > 0) {
                String artifact = child(read(pom).getDocumentElement(), "artifactId").getTextContent().trim();
                assertEquals("org.lcnflow." + artifact.replaceFirst("^lcn-", ""), names.item(0).getTextContent().trim(),
                        "Automatic-Module-Name of " + artifact);
                libraries.add(artifact);
            }
        }
        assertEquals(Set.of("lcn-api", "lcn-testkit", "lcn-core", "lcn-losses", "lcn-integrators", "lcn-spark"), libraries);

        Element bom = read(root.resolve("lcn-bom/pom.xml")).getDocumentElement();
        assertEquals(0, bom.getElementsByTagName("parent").getLength(), "the BOM must have no parent");
        assertEquals("pom", child(bom, "packaging").getTextContent().trim());
        assertEquals(version, child(bom, "version").getTextContent().trim(), "the BOM's version");
        Set<String> managed = new TreeSet<>();
        NodeList dependencies = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertEquals("org.lcnflow", child(dependency, "groupId").getTextContent().trim());
            assertEquals("${project.version}", child(dependency, "version").getTextContent().trim());
            managed.add(child(dependency, "artifactId").getTextContent().trim());
        }
        assertEquals(libraries, managed, "the BOM manages exactly the library modules");
    }

    private static Document read(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), "no " + pom);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** @return the first direct child element of that name */
    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return (Element) n;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static List<String> texts(Element parent, String name) {
        List<String> texts = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                texts.add(n.getTextContent().trim());
            }
        }
        return texts;
    }
}
