package io.exchangechaos.scenarios.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM a user's build imports pins every artifact this build publishes, at this build's version (it has no parent,
 * so nothing keeps the two together but this test).
 */
class BomTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theBomPinsEveryPublishedModuleAtTheParentsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bom/pom.xml"));

        assertThat(child(bom.getDocumentElement(), "version")).as("bom/pom.xml's version")
            .isEqualTo(child(parent.getDocumentElement(), "version"));
        List<String> published = new ArrayList<>();
        for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
            if (!module.equals("bom")) {
                published.add(child(read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        Element managed = (Element) bom.getElementsByTagName("dependencyManagement").item(0);
        List<String> pinned = new ArrayList<>();
        NodeList deps = managed.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("io.exchangechaos");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            pinned.add(child(d, "artifactId"));
        }
        assertThat(pinned).as("bom/pom.xml's dependencyManagement").containsExactlyInAnyOrderElementsOf(published);
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of {@code parent}'s direct child element {@code name}. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
    }

    private static List<String> texts(Element root, String list, String item) {
        List<String> texts = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(list)) {
                NodeList items = e.getElementsByTagName(item);
                for (int i = 0; i < items.getLength(); i++) {
                    texts.add(items.item(i).getTextContent().trim());
                }
            }
        }
        return texts;
    }
}
