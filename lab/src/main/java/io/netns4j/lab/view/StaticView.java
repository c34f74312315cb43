package io.netns4j.lab.view;

import io.netns4j.internal.json.JsonWriter;
import io.netns4j.lab.model.Topology;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The live view's picture as one file ({@code netns4j lab graph --format html NAME}): the
 * page, its script, its style and cytoscape.js inlined, with the labs' state at one moment
 * in place of the event stream. Opens offline, from a CI artifact or a mail; no actions.
 * {@link #svg} draws the same pictures as an image.
 */
public final class StaticView {
    private StaticView() {
    }

    /**
     * The page for {@code snapshots} ({@link ViewHub#snapshots()}).
     *
     * @param snapshots the labs' pictures
     * @return a self-contained HTML document
     * @throws IOException the jar lacks the page's assets
     */
    public static String html(List<Map<String, Object>> snapshots) throws IOException {
        String page = ViewServer.resource("view.html");
        String data = JsonWriter.write(Map.of("time", System.currentTimeMillis(), "labs", snapshots));
        page = page.replace("<link rel=\"stylesheet\" href=\"/assets/view.css\">",
                "<style>\n" + ViewServer.resource("view.css") + "</style>");
        page = page.replace("<script src=\"/assets/cytoscape/cytoscape.min.js\"></script>",
                "<script>\n" + inline(ViewServer.resource("cytoscape/cytoscape.min.js")) + "\n</script>");
        page = page.replace("<script src=\"/assets/view.js\" defer></script>", "");
        return page.replace("<!--STATIC-->", "<script>window.NETNS4J_STATIC = " + inline(data) + ";</script>\n"
                + "<script>document.addEventListener(\"DOMContentLoaded\", function () {\n"
                + inline(ViewServer.resource("view.js")) + "\n});</script>");
    }

    /**
     * The same pictures as one SVG image ({@code lab graph --format svg}): nodes on a circle
     * per lab, links, their state, impairments and partition cuts in the page's colours.
     *
     * @param snapshots the labs' pictures
     * @return the SVG document
     */
    public static String svg(List<Map<String, Object>> snapshots) {
        return SvgPicture.of(snapshots);
    }

    /**
     * A lab as its file plans it, for {@link #html}: nodes and links with their addresses, no
     * state read from the machine (every link drawn up, no partition).
     *
     * @param t the lab
     * @return the picture, as {@link ViewHub#snapshots()} gives for a running lab
     */
    public static Map<String, Object> planned(Topology t) {
        return LabWatch.planned(t);
    }

    /** Text inside a script element must not close it. */
    private static String inline(String script) {
        return script.replace("</script", "<\\/script").replace("<!--", "<\\!--");
    }
}
