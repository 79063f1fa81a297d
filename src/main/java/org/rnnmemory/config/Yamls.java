package org.rnnmemory.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes canonical experiment maps as YAML: sections as indented blocks, values in flow style. */
final class Yamls {
    private Yamls() {}

    /** A whole document: sections (per {@link Schema}) as blocks, every other value on its key's line. */
    static String document(Map<String, Object> canonical) {
        StringBuilder sb = new StringBuilder();
        write(sb, canonical, "", "");
        return sb.toString();
    }

    /** One value in YAML flow style on one line, strings quoted where YAML would misread them. */
    static String flow(Object value) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        o.setSplitLines(false);
        o.setWidth(Integer.MAX_VALUE);
        return new Yaml(o).dump(value).strip();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Map<String, Object> map, String path, String indent) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String p = Schema.join(path, e.getKey());
            sb.append(indent).append(e.getKey()).append(':');
            if (Schema.isSection(p)) {
                sb.append('\n');
                write(sb, (Map<String, Object>) e.getValue(), p, indent + "  ");
            } else {
                sb.append(' ').append(flow(e.getValue())).append('\n');
            }
        }
    }
}
