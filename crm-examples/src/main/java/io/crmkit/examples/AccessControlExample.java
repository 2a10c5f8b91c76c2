package io.crmkit.examples;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.CustomerField;
import io.crmkit.core.security.DepartmentHierarchy;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host with two sales departments under one sales centre: a representative in each, the centre's manager,
 * and an intern who may read the east's customers without their phone numbers. Prints what each of them
 * sees; the host's users, roles and departments come from the host, crmkit stores none of them.
 *
 * <pre>
 * mvn -B -q -Pdemo package -Ddemo.main=io.crmkit.examples.AccessControlExample
 * </pre>
 */
public final class AccessControlExample {
    static final DepartmentRef EAST = DepartmentRef.of("华东销售部");
    static final DepartmentRef WEST = DepartmentRef.of("华西销售部");
    static final DepartmentRef CENTRE = DepartmentRef.of("销售中心");

    /** The host's users as it hands them to crmkit, by name. */
    static final Map<String, Actor> USERS = users();

    private AccessControlExample() {
    }

    private static Map<String, Actor> users() {
        Map<String, Actor> users = new LinkedHashMap<>();
        users.put("li (east rep)", new Actor(UserRef.of("li"), Set.of("sales"), Set.of(EAST)));
        users.put("wang (west rep)", new Actor(UserRef.of("wang"), Set.of("sales"), Set.of(WEST)));
        users.put("zhao (manager)", new Actor(UserRef.of("zhao"), Set.of("sales"), Set.of(CENTRE)));
        users.put("sun (intern)", new Actor(UserRef.of("sun"), Set.of("intern"), Set.of(EAST)));
        return users;
    }

    /** The host's rules: sales staff work on their department's records, interns read without phones. */
    static AccessPolicy policy() {
        return AccessPolicy.builder()
                .grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, RecordKind.INTERACTION,
                        RecordKind.REQUIREMENT, RecordKind.TASK, RecordKind.SURVEY, RecordKind.PURCHASE, RecordKind.MESSAGE)
                .grant("intern", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ)
                .hide("intern", CustomerField.PHONES)
                .departments(DepartmentHierarchy.ofParents(Map.of("华东销售部", "销售中心", "华西销售部", "销售中心")))
                .build();
    }

    /** What each user sees, as the lines printed: name, then the customers with their first phone. */
    static List<String> run(Crm crm) {
        crm.customers().create(NewCustomer.organization("上海明华贸易").department(EAST).phone("021 5888 1234"));
        crm.customers().create(NewCustomer.person("张伟").department(EAST).phone("138 0013 8000"));
        Customer chengdu = crm.customers().create(NewCustomer.organization("成都天府物流").department(WEST)
                .phone("028 8555 6666"));
        // the west shares one customer with the east representative, to read
        crm.as(java.util.Objects.requireNonNull(USERS.get("wang (west rep)"))).access()
                .share(RecordKind.CUSTOMER, chengdu.id().value(), UserRef.of("li"), ShareAccess.READ);

        List<String> lines = new java.util.ArrayList<>();
        USERS.forEach((name, actor) -> {
            CrmServices as = crm.as(actor);
            StringBuilder line = new StringBuilder(name).append(" sees:");
            for (Customer c : as.customers().search(CustomerQuery.all(), PageRequest.first(50)).items()) {
                line.append(' ').append(c.displayName()).append(" (")
                        .append(c.primaryPhone().map(p -> p.value()).orElse(c.hiddenFields().contains(CustomerField.PHONES) ? "phone hidden" : "no phone"))
                        .append(')');
            }
            lines.add(line.toString());
        });
        return lines;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).access(policy()).build()) {
            run(crm).forEach(out::println);
        }
    }
}
