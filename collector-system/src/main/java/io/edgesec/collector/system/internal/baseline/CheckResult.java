package io.edgesec.collector.system.internal.baseline;

import java.util.LinkedHashMap;
import java.util.Map;

/** A check's outcome: Pass, Fail or Err (the schema's words) and the reason in Azure's wording. */
public record CheckResult(Check check, String result, String error) {
    public static final String PASS = "Pass";
    public static final String FAIL = "Fail";
    public static final String ERR = "Err";

    public boolean passed() {
        return PASS.equals(result);
    }

    /** @return the OSBaseline payload item */
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Description", check.description());
        p.put("CceId", check.cceId());
        p.put("Result", result);
        p.put("Error", error);
        p.put("Severity", check.severity());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Msid", check.msid());
        extra.put("CheckType", check.type());
        extra.put("Origin", check.origin());
        p.put("ExtraDetails", extra);
        return p;
    }

    /** @return the item of {@code edgesec baseline --format json}: the payload fields plus Msid */
    public Map<String, Object> commandItem() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Msid", check.msid());
        p.put("Description", check.description());
        p.put("CceId", check.cceId());
        p.put("Result", result);
        p.put("Error", error);
        p.put("Severity", check.severity());
        p.put("Origin", check.origin());
        return p;
    }
}
