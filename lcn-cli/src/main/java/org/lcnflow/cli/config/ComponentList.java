package org.lcnflow.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.Component;

/**
 * Parses a command-line list of components with their parameters, e.g.
 * {@code euler(step=0.001),rk4(step=0.01),dormand-prince-54(rtol=1e-8,atol=1e-10)}.
 */
public final class ComponentList {

    private ComponentList() {
    }

    public static List<Component> parse(String option, String text) {
        List<Component> components = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException(option + ": unbalanced ')' at position " + (i + 1) + " of '"
                            + text + "'");
                }
            } else if (c == ',' && depth == 0) {
                components.add(one(option, text.substring(start, i).strip(), start + 1));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException(option + ": missing ')' in '" + text + "'");
        }
        return components;
    }

    private static Component one(String option, String item, int position) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException(option + ": empty entry at position " + position
                    + "; expected NAME or NAME(key=value,...)");
        }
        int open = item.indexOf('(');
        if (open < 0) {
            return Component.of(item);
        }
        if (!item.endsWith(")")) {
            throw new IllegalArgumentException(option + ": '" + item + "' must end with ')'");
        }
        String name = item.substring(0, open).strip();
        Map<String, Object> values = new LinkedHashMap<>();
        String inside = item.substring(open + 1, item.length() - 1).strip();
        if (!inside.isEmpty()) {
            for (String pair : inside.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(option + ": '" + pair.strip() + "' in '" + item
                            + "' must be key=value");
                }
                String key = pair.substring(0, eq).strip();
                if (values.put(key, pair.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException(option + ": parameter '" + key + "' given twice in '" + item
                            + "'");
                }
            }
        }
        return new Component(name, Parameters.of(values));
    }
}
