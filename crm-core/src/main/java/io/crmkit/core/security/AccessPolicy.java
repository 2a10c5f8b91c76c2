package io.crmkit.core.security;

import io.crmkit.core.Checks;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may do what: per role, per {@link RecordKind} and {@link Action}, an {@link AccessLevel}; per role the
 * customer fields it may not read; and the host's {@link DepartmentHierarchy}. An actor gets the widest level
 * any of their roles grants. Fail closed: what no rule grants is {@link AccessLevel#NONE}, and an actor
 * without roles sees only what is {@linkplain Share shared} with them. {@link Actor#SYSTEM} has every right.
 *
 * <p>A field is hidden from an actor when every one of their roles hides it. Records that belong to a
 * customer (interactions, needs, surveys, purchases, messages, service cases) are reached through their customer: the rule
 * for their kind is applied to the customer's owner and department and to the customer's shares.
 *
 * <p>Without a policy ({@link #unrestricted()}, the default of {@code Crm.builder()}) the host is trusted
 * to have checked its callers, and every actor has every right. Immutable and thread-safe.
 *
 * <pre>{@code
 * AccessPolicy policy = AccessPolicy.builder()
 *     .grant("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ, Action.CREATE, Action.EDIT)
 *     .grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.INTERACTION, RecordKind.TASK)
 *     .grantAll("auditor", AccessLevel.ALL, RecordKind.values())
 *     .hide("intern", CustomerField.PHONES, CustomerField.EMAILS)
 *     .departments(DepartmentHierarchy.ofParents(Map.of("sales-east", "sales", "sales-west", "sales")))
 *     .build();
 * }</pre>
 */
public final class AccessPolicy {
    private static final AccessPolicy UNRESTRICTED = new AccessPolicy(Map.of(), Map.of(), DepartmentHierarchy.FLAT, true);

    private final Map<String, Map<RecordKind, Map<Action, AccessLevel>>> grants;
    private final Map<String, Set<CustomerField>> hidden;
    private final DepartmentHierarchy departments;
    private final boolean unrestricted;

    private AccessPolicy(Map<String, Map<RecordKind, Map<Action, AccessLevel>>> grants,
                         Map<String, Set<CustomerField>> hidden, DepartmentHierarchy departments, boolean unrestricted) {
        this.grants = grants;
        this.hidden = hidden;
        this.departments = departments;
        this.unrestricted = unrestricted;
    }

    /** Every actor may do everything: for hosts that check their callers themselves. */
    public static AccessPolicy unrestricted() {
        return UNRESTRICTED;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isUnrestricted() {
        return unrestricted;
    }

    /** The widest level the actor's roles grant for this action on this kind; {@code NONE} if none does. */
    public AccessLevel level(Actor actor, RecordKind kind, Action action) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        if (unrestricted || actor.isSystem()) {
            return AccessLevel.ALL;
        }
        AccessLevel level = AccessLevel.NONE;
        for (String role : actor.roles()) {
            AccessLevel granted = grants.getOrDefault(role, Map.of()).getOrDefault(kind, Map.of()).get(action);
            if (granted != null) {
                level = level.max(granted);
            }
        }
        return level;
    }

    /** The customer fields hidden from the actor: those every one of their roles hides. */
    public Set<CustomerField> hiddenFields(Actor actor) {
        if (unrestricted || actor.isSystem() || actor.roles().isEmpty()) {
            return Set.of();
        }
        EnumSet<CustomerField> hiddenFromAll = EnumSet.allOf(CustomerField.class);
        for (String role : actor.roles()) {
            hiddenFromAll.retainAll(hidden.getOrDefault(role, Set.of()));
        }
        return Set.copyOf(hiddenFromAll);
    }

    public DepartmentHierarchy departments() {
        return departments;
    }

    @Override
    public String toString() {
        return unrestricted ? "AccessPolicy[unrestricted]" : "AccessPolicy" + grants + (hidden.isEmpty() ? "" : " hiding " + hidden);
    }

    /** Collects rules; {@link #build()} reports every invalid one at once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<RecordKind, Map<Action, AccessLevel>>> grants = new HashMap<>();
        private final Map<String, Set<CustomerField>> hidden = new HashMap<>();
        private final Checks checks = new Checks();
        private DepartmentHierarchy departments = DepartmentHierarchy.FLAT;

        private Builder() {
        }

        /**
         * Lets {@code role} do these actions on records of {@code kind} up to {@code level}. Granting the same
         * action twice keeps the wider level.
         */
        public Builder grant(String role, AccessLevel level, RecordKind kind, Action... actions) {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(actions, "actions");
            String name = role(role);
            checks.require(actions.length > 0, "actions", "required", "name at least one action for role " + name);
            Map<Action, AccessLevel> byAction = grants.computeIfAbsent(name, r -> new EnumMap<>(RecordKind.class))
                    .computeIfAbsent(kind, k -> new EnumMap<>(Action.class));
            for (Action action : actions) {
                byAction.merge(Objects.requireNonNull(action, "action"), level, AccessLevel::max);
            }
            return this;
        }

        /** Lets {@code role} do every action on records of these kinds up to {@code level}. */
        public Builder grantAll(String role, AccessLevel level, RecordKind... kinds) {
            Objects.requireNonNull(kinds, "kinds");
            checks.require(kinds.length > 0, "kinds", "required", "name at least one record kind for role " + role);
            for (RecordKind kind : kinds) {
                grant(role, level, kind, Action.values());
            }
            return this;
        }

        /** Hides these customer fields from {@code role} (unless another role of the same actor shows them). */
        public Builder hide(String role, CustomerField... fields) {
            Objects.requireNonNull(fields, "fields");
            String name = role(role);
            checks.require(fields.length > 0, "fields", "required", "name at least one field to hide from role " + name);
            List<CustomerField> list = Arrays.asList(fields);
            list.forEach(f -> Objects.requireNonNull(f, "field"));
            hidden.computeIfAbsent(name, r -> EnumSet.noneOf(CustomerField.class)).addAll(list);
            return this;
        }

        /** The host's department tree; by default every department stands alone. */
        public Builder departments(DepartmentHierarchy hierarchy) {
            this.departments = Objects.requireNonNull(hierarchy, "hierarchy");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every invalid rule */
        public AccessPolicy build() {
            checks.throwIfAny();
            Map<String, Map<RecordKind, Map<Action, AccessLevel>>> frozen = new HashMap<>();
            grants.forEach((role, byKind) -> {
                Map<RecordKind, Map<Action, AccessLevel>> kinds = new EnumMap<>(RecordKind.class);
                byKind.forEach((kind, byAction) -> kinds.put(kind, Map.copyOf(byAction)));
                frozen.put(role, Map.copyOf(kinds));
            });
            Map<String, Set<CustomerField>> hiddenCopy = new HashMap<>();
            hidden.forEach((role, fields) -> hiddenCopy.put(role, Set.copyOf(fields)));
            return new AccessPolicy(Map.copyOf(frozen), Map.copyOf(hiddenCopy), departments, false);
        }

        private String role(String role) {
            Objects.requireNonNull(role, "role");
            checks.require(Checks.isCleanText(role, Actor.MAX_ROLE), "role", "invalid",
                    "a role is 1 to " + Actor.MAX_ROLE + " characters, trimmed, without control characters");
            return role;
        }
    }
}
