package io.edgesec.configuration.internal;

import java.util.Arrays;
import org.osgi.service.metatype.AttributeDefinition;

/** A metatype attribute with optional min/max and options, validating as Felix MetaType does. */
final class TestAttribute implements AttributeDefinition {
    private final String id;
    private final int type;
    private int cardinality;
    private String[] defaults;
    private String min;
    private String max;
    private String[] options;

    TestAttribute(String id, int type, String... defaults) {
        this.id = id;
        this.type = type;
        this.defaults = defaults.length == 0 ? null : defaults;
    }

    TestAttribute cardinality(int c) {
        this.cardinality = c;
        return this;
    }

    TestAttribute min(String m) {
        this.min = m;
        return this;
    }

    TestAttribute max(String m) {
        this.max = m;
        return this;
    }

    TestAttribute options(String... o) {
        this.options = o;
        return this;
    }

    TestAttribute noDefault() {
        this.defaults = null;
        return this;
    }

    @Override
    public String getName() {
        return id;
    }

    @Override
    public String getID() {
        return id;
    }

    @Override
    public String getDescription() {
        return null;
    }

    @Override
    public int getCardinality() {
        return cardinality;
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public String[] getOptionValues() {
        return options;
    }

    @Override
    public String[] getOptionLabels() {
        return options;
    }

    /** null: no validation; "": valid; otherwise the problem. */
    @Override
    public String validate(String value) {
        if (options != null && !Arrays.asList(options).contains(value)) {
            return "not one of " + Arrays.toString(options);
        }
        if (min == null && max == null) {
            return options == null ? null : "";
        }
        if (type == STRING || type == PASSWORD) {
            if (min != null && value.length() < Integer.parseInt(min)) {
                return "shorter than " + min;
            }
            if (max != null && value.length() > Integer.parseInt(max)) {
                return "longer than " + max;
            }
            return "";
        }
        double v = Double.parseDouble(value);
        if (min != null && v < Double.parseDouble(min)) {
            return "value below minimum " + min;
        }
        if (max != null && v > Double.parseDouble(max)) {
            return "value above maximum " + max;
        }
        return "";
    }

    @Override
    public String[] getDefaultValue() {
        return defaults;
    }
}
