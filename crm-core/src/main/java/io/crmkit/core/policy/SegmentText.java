package io.crmkit.core.policy;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A policy's target segment, a {@link CustomerQuery}, as text for storage: {@code key=value} pairs joined by
 * {@code &}, each part percent-encoded (UTF-8), in a fixed order, so that equal queries have equal text. Storage
 * adapters keep the text and read the query back with {@link #decode}; it is versioned by its keys, unknown keys are
 * refused. Stateless.
 */
public final class SegmentText {
    /** The longest text a segment may take. */
    public static final int MAX_LENGTH = 8_000;

    private SegmentText() {
    }

    /** The text of a query. */
    public static String encode(CustomerQuery q) {
        List<String> parts = new ArrayList<>();
        q.namePrefix().ifPresent(v -> parts.add(pair("namePrefix", v)));
        q.nameContains().ifPresent(v -> parts.add(pair("nameContains", v)));
        q.email().ifPresent(v -> parts.add(pair("email", v.value())));
        q.phone().ifPresent(v -> parts.add(pair("phone", v)));
        q.tag().ifPresent(v -> parts.add(pair("tag", v)));
        q.stage().ifPresent(v -> parts.add(pair("stage", v.name())));
        q.owner().ifPresent(v -> parts.add(pair("owner", v.id())));
        q.department().ifPresent(v -> parts.add(pair("department", v.id())));
        q.externalRef().ifPresent(v -> parts.add(pair("refSystem", v.system())));
        q.externalRef().ifPresent(v -> parts.add(pair("refId", v.id())));
        q.organizationId().ifPresent(v -> parts.add(pair("organization", v.value().toString())));
        if (q.includeArchived()) {
            parts.add(pair("includeArchived", "true"));
        }
        return String.join("&", parts);
    }

    /**
     * The query written as {@code text} by {@link #encode}.
     *
     * @throws ValidationException naming the field {@code segment} if the text is not such a query
     */
    public static CustomerQuery decode(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            if (!text.isEmpty()) {
                for (String part : text.split("&", -1)) {
                    int eq = part.indexOf('=');
                    if (eq < 1) {
                        throw bad("a part without a key");
                    }
                    String key = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
                    if (values.put(key, URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                        throw bad("key " + key + " twice");
                    }
                }
            }
            CustomerQuery q = CustomerQuery.all();
            String refSystem = null;
            String refId = null;
            for (Map.Entry<String, String> e : values.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "namePrefix" -> q = q.nameStartsWith(v);
                    case "nameContains" -> q = q.nameContains(v);
                    case "email" -> q = q.email(v);
                    case "phone" -> q = q.phone(v);
                    case "tag" -> q = q.tag(v);
                    case "stage" -> q = q.stage(LifecycleStage.valueOf(v));
                    case "owner" -> q = q.owner(UserRef.of(v));
                    case "department" -> q = q.department(DepartmentRef.of(v));
                    case "refSystem" -> refSystem = v;
                    case "refId" -> refId = v;
                    case "organization" -> q = q.memberOf(new CustomerId(UUID.fromString(v)));
                    case "includeArchived" -> q = q.includeArchived(Boolean.parseBoolean(v));
                    default -> throw bad("unknown key " + e.getKey());
                }
            }
            if ((refSystem == null) != (refId == null)) {
                throw bad("an external reference needs its system and its id");
            }
            return refSystem != null && refId != null ? q.externalRef(refSystem, refId) : q;
        } catch (IllegalArgumentException e) {
            throw bad(String.valueOf(e.getMessage()));
        }
    }

    private static String pair(String key, String value) {
        return key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ValidationException bad(String why) {
        return ValidationException.of("segment", "malformed", "is no stored segment: " + why);
    }
}
