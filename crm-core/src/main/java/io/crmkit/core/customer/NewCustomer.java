package io.crmkit.core.customer;

import java.util.Objects;

/**
 * A customer to create: {@code NewCustomer.person("张三").email("zhangsan@example.com").phone("13800138000")}.
 */
public final class NewCustomer extends CustomerForm<NewCustomer> {
    private final CustomerKind kind;

    private NewCustomer(CustomerKind kind, String displayName) {
        super(displayName);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static NewCustomer person(String displayName) {
        return new NewCustomer(CustomerKind.PERSON, displayName);
    }

    public static NewCustomer organization(String displayName) {
        return new NewCustomer(CustomerKind.ORGANIZATION, displayName);
    }

    public static NewCustomer of(CustomerKind kind, String displayName) {
        return new NewCustomer(kind, displayName);
    }

    public CustomerKind kind() {
        return kind;
    }
}
