package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentDownload;
import io.crmkit.core.document.DocumentId;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.document.DocumentQuery;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.document.DocumentRepository}: exact round trips with versions and links
 * (Unicode, emoji, SQL and LIKE metacharacters), the version rule of {@code update} with versions only added and links
 * replaced, {@code search} by every criterion in id order across keyset pages, and downloads in id order.
 */
public abstract class DocumentRepositoryContract extends StorageContractSupport {
    /** The order of {@code search}: id. */
    protected static final Comparator<Document> ID_ORDER = byId(d -> d.id().value());

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected DocumentRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private void insert(Document... documents) {
        write(r -> {
            for (Document d : documents) {
                r.documents().insert(d);
            }
        });
    }

    private Optional<Document> find(DocumentId id) {
        return readOne(r -> r.documents().findById(id));
    }

    @Test
    void roundTripWithVersionsLinksAndText() {
        Document d = data.document("'; DROP TABLE documents; -- 合同 📄 100%_v2.pdf")
                .mediaType("text/plain; charset=\"utf-8\"").owner("王五").department(DepartmentRef.of("法务部"))
                .addVersion(0, data.now().plusSeconds(1)).addVersion(52_428_800, data.now().plusSeconds(2))
                .link(DocumentLink.customer(data.customerId())).link(DocumentLink.task(data.taskId()))
                .link(DocumentLink.opportunity(data.opportunityId())).link(DocumentLink.serviceCase(data.serviceCaseId()))
                .archivedAt(data.now().plusSeconds(3)).version(4).build();
        Document plain = data.document("plain").build();
        insert(d, plain);

        assertThat(find(d.id())).contains(d);
        assertThat(find(d.id()).orElseThrow().versions()).extracting(v -> v.size()).containsExactly(3L, 0L, 52_428_800L);
        assertThat(find(plain.id())).contains(plain);
        assertThat(find(data.documentId())).isEmpty();
    }

    @Test
    void updatesFollowTheVersionAddVersionsAndReplaceLinks() {
        DocumentLink customer = DocumentLink.customer(data.customerId());
        DocumentLink task = DocumentLink.task(data.taskId());
        Document d = data.document("x").link(customer).build();
        insert(d);
        Document versioned = d.addVersion(10, "a".repeat(64), "key-2", UserRef.of("u2"), data.now().plusSeconds(5));
        write(r -> r.documents().update(versioned));
        assertThat(find(d.id())).contains(versioned);
        Document linked = versioned.link(task, data.now().plusSeconds(6));
        write(r -> r.documents().update(linked));
        assertThat(find(d.id()).orElseThrow().links()).containsExactlyInAnyOrder(customer, task);
        Document changed = linked.unlink(customer, data.now().plusSeconds(7));
        write(r -> r.documents().update(changed));
        assertThat(find(d.id())).contains(changed);
        assertThat(find(d.id()).orElseThrow().links()).containsExactly(task);
        assertThat(find(d.id()).orElseThrow().versions()).hasSize(2);

        assertThatThrownBy(() -> write(r -> r.documents().update(changed))).isInstanceOf(ConflictException.class);
        Document unknown = data.document("none").version(2).build();
        assertThatThrownBy(() -> write(r -> r.documents().update(unknown))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> insert(d)).isInstanceOf(ConflictException.class);
        assertThat(find(d.id())).contains(changed);
    }

    @Test
    void searchByEveryCriterionAcrossPages() {
        DocumentLink c1 = DocumentLink.customer(data.customerId());
        DocumentLink c2 = DocumentLink.customer(data.customerId());
        DocumentLink sameIdOtherKind = new DocumentLink(io.crmkit.core.security.RecordKind.TASK, c1.recordId());
        List<String> names = List.of("合同 A", "合同_B", "合同%C", "报价单", "Contract", "contract", "合同!x");
        List<Document> all = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            DocumentBuilder b = data.document(names.get(i % names.size()) + " " + i).owner("u" + (i % 3))
                    .department(i % 4 == 0 ? DepartmentRef.of("d") : null)
                    .archivedAt(i % 5 == 4 ? data.now() : null);
            if (i % 2 == 0) {
                b.link(c1);
            }
            if (i % 3 == 0) {
                b.link(c2);
            }
            if (i % 7 == 1) {
                b.link(sameIdOtherKind);
            }
            all.add(b.build());
            data.clock().advance(Duration.ofMillis(1));
        }
        insert(all.toArray(Document[]::new));
        List<DocumentQuery> queries = List.of(DocumentQuery.all(), DocumentQuery.all().includingArchived(),
                DocumentQuery.all().linkedTo(c1), DocumentQuery.all().linkedTo(c2).includingArchived(),
                DocumentQuery.all().linkedTo(sameIdOtherKind), DocumentQuery.all().owner(UserRef.of("u1")),
                DocumentQuery.all().namePrefix("合同"), DocumentQuery.all().namePrefix("合同_"),
                DocumentQuery.all().namePrefix("合同%"), DocumentQuery.all().namePrefix("合同!"),
                DocumentQuery.all().namePrefix("contract"), DocumentQuery.all().namePrefix("nothing"),
                DocumentQuery.all().namePrefix("合同").owner(UserRef.of("u0")).linkedTo(c1).includingArchived());
        for (DocumentQuery q : queries) {
            List<Document> expected = sorted(all.stream().filter(q::matches).toList(), ID_ORDER);
            for (int limit : PAGE_LIMITS) {
                assertThat(readAllPages(limit, (r, p) -> r.documents().search(q, AccessScope.everything(), p)))
                        .as("%s in pages of %d", q, limit).containsExactlyElementsOf(expected);
            }
        }
        assertThat(all.stream().filter(DocumentQuery.all().namePrefix("合同_")::matches)).as("LIKE wildcards are literal")
                .hasSize(2);
        assertThat(readList(r -> r.documents().search(DocumentQuery.all(), AccessScope.nothing(),
                io.crmkit.core.PageRequest.first(10)).items())).isEmpty();
    }

    @Test
    void downloadsAreListedByIdAcrossPages() {
        Document d = data.document("d").addVersion(5, data.now()).build();
        Document other = data.document("other").build();
        insert(d, other);
        List<DocumentDownload> downloads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            downloads.add(new DocumentDownload(data.uuid(), d.id(), 1 + i % 2, UserRef.of(i % 2 == 0 ? "李四" : "o'brien"),
                    data.now().plusSeconds(i)));
        }
        write(r -> {
            downloads.forEach(r.documents()::recordDownload);
            r.documents().recordDownload(new DocumentDownload(data.uuid(), other.id(), 1, UserRef.of("u1"), data.now()));
        });
        List<DocumentDownload> expected = sorted(downloads, byId(DocumentDownload::id));
        for (int limit : PAGE_LIMITS) {
            assertThat(readAllPages(limit, (r, p) -> r.documents().downloads(d.id(), p))).as("pages of %d", limit)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(readAllPages(10, (r, p) -> r.documents().downloads(data.documentId(), p))).isEmpty();
    }
}
