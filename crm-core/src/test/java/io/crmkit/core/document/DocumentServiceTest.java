package io.crmkit.core.document;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.memory.InMemoryContentStore;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentServiceTest {
    private static final DepartmentRef LEGAL = DepartmentRef.of("法务部");
    private static final DepartmentRef SALES = DepartmentRef.of("sales");
    private static final Actor LI = new Actor(UserRef.of("li"), Set.of("staff"), Set.of(LEGAL));
    private static final Actor WANG = new Actor(UserRef.of("wang"), Set.of("staff"), Set.of(SALES));
    private static final Actor ZHAO = new Actor(UserRef.of("zhao"), Set.of("staff"), Set.of(SALES));
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grantAll("staff", AccessLevel.DEPARTMENT, RecordKind.DOCUMENT, RecordKind.TASK)
            .grantAll("staff", AccessLevel.OWN, RecordKind.CUSTOMER, RecordKind.SERVICE_CASE, RecordKind.OPPORTUNITY)
            .build();

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final Crm crm = Crm.builder().storage(storage).clock(clock).access(POLICY).listener(events::add).build();
    private final DocumentService li = crm.as(LI).documents();
    private final InMemoryContentStore contents = (InMemoryContentStore) storage.contentStore().orElseThrow();

    @AfterEach
    void close() {
        crm.close();
    }

    private static InputStream bytes(byte[] data) {
        return new ByteArrayInputStream(data);
    }

    private static InputStream text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] read(Download d) throws IOException {
        try (d) {
            return d.content().readAllBytes();
        }
    }

    private Document upload(DocumentService s, String name) {
        return s.upload(NewDocument.named(name, "application/pdf").department(LEGAL), text("content of " + name));
    }

    @Test
    void anUploadKeepsNameTypeSizeChecksumAndOwnerAndOpensByteForByte() throws Exception {
        byte[] data = new byte[300_001];
        new Random(7).nextBytes(data);
        Document d = li.upload(NewDocument.named("  合同 📄 v1.PDF ", "Application/PDF").department(LEGAL), bytes(data));

        assertThat(d.name()).isEqualTo("合同 📄 v1.PDF");
        assertThat(d.mediaType()).isEqualTo("application/pdf");
        assertThat(d.owner()).isEqualTo(LI.user());
        assertThat(d.department()).contains(LEGAL);
        assertThat(d.currentVersion()).isEqualTo(1);
        assertThat(d.current().size()).isEqualTo(data.length);
        assertThat(d.current().sha256()).isEqualTo(sha256(data));
        assertThat(d.current().createdBy()).isEqualTo(LI.user());
        assertThat(d.current().createdAt()).isEqualTo(clock.instant());
        assertThat(li.get(d.id())).contains(d);

        Download opened = li.open(d.id());
        assertThat(opened.version()).isEqualTo(d.current());
        assertThat(read(opened)).isEqualTo(data);
        assertThat(events).containsExactly(new DocumentEvent.Uploaded(d.id(), "合同 📄 v1.PDF", clock.instant(), LI.user()));
        List<AuditEntry> audit = crm.audit().history(RecordKind.DOCUMENT, d.id().value(), PageRequest.first(10)).items();
        assertThat(audit).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE);
        assertThat(audit.get(0).changes()).anyMatch(c -> c.field().equals("currentVersion")
                && c.newValue().orElseThrow().contains(d.current().sha256()));
    }

    @Test
    void everyDownloadIsRecordedWithWhoWhenAndWhichVersion() throws Exception {
        Document d = upload(li, "a.pdf");
        clock.advance(java.time.Duration.ofMinutes(1));
        li.addVersion(d.id(), text("second"));
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(new String(read(li.open(d.id(), 1)), StandardCharsets.UTF_8)).isEqualTo("content of a.pdf");
        DocumentService colleague = crm.as(new Actor(UserRef.of("chen"), Set.of("staff"), Set.of(LEGAL))).documents();
        assertThat(new String(read(colleague.open(d.id())), StandardCharsets.UTF_8)).isEqualTo("second");

        List<DocumentDownload> downloads = li.downloads(d.id(), PageRequest.first(10)).items();
        assertThat(downloads).extracting(DocumentDownload::by, DocumentDownload::version, DocumentDownload::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LI.user(), 1, clock.instant()),
                        org.assertj.core.groups.Tuple.tuple(UserRef.of("chen"), 2, clock.instant()));
        for (int missing : new int[] {3, 0, -1}) {
            assertThatThrownBy(() -> li.open(d.id(), missing)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("version " + missing);
        }
        assertThat(li.downloads(d.id(), PageRequest.first(10)).items()).as("a refused open records nothing").hasSize(2);
    }

    @Test
    void badInputNamesEveryFieldAndWritesNothing() {
        assertThat(violationsOf(() -> li.upload(NewDocument.named(" ", "pdf"), null)))
                .containsExactly("name:required", "mediaType:format", "content:required");
        assertThat(violationsOf(() -> li.upload(NewDocument.named("x".repeat(Document.MAX_NAME + 1), null), text("x"))))
                .containsExactly("name:too_long", "mediaType:required");
        assertThat(violationsOf(() -> li.upload(NewDocument.named("ok\u0000.pdf", "text/plain"), text("x"))))
                .containsExactly("name:control_character");
        NewDocument many = NewDocument.named("many", "text/plain");
        IntStream.range(0, Document.MAX_LINKS + 1).forEach(i -> many.linkTo(DocumentLink.customer(
                new io.crmkit.core.customer.CustomerId(java.util.UUID.randomUUID()))));
        assertThat(violationsOf(() -> li.upload(many, text("x")))).containsExactly("links:too_many");
        assertThatThrownBy(() -> li.addVersion(upload(li, "v.pdf").id(), null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new DocumentLink(RecordKind.AUDIT, java.util.UUID.randomUUID()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("link.kind");

        assertThat(li.search(DocumentQuery.all(), PageRequest.first(10)).items()).extracting(Document::name)
                .containsExactly("v.pdf");
        assertThat(contents.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "application/", "/pdf", "application/pdf/x", "appli cation/pdf", "text/plain;",
            "text/plain; charset", "text/plain; charset=\"a\"b\"", "-x/y", "'; DROP TABLE x; --/y", "文本/纯"})
    void malformedMediaTypesAreRefused(String type) {
        assertThat(violationsOf(() -> li.upload(NewDocument.named("x", type), text("x")))).containsExactly("mediaType:format");
        assertThat(contents.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/pdf", "image/svg+xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain; charset=utf-8", "text/plain;charset=\"UTF-8\"; format=flowed", "application/x-7z-compressed"})
    void wellFormedMediaTypesAreKept(String type) {
        Document d = li.upload(NewDocument.named("x", type), text("x"));
        assertThat(d.mediaType()).isEqualToIgnoringCase(type);
        assertThat(li.require(d.id()).mediaType()).isEqualTo(d.mediaType());
    }

    @Test
    void emptyContentIsAVersionAndContentOverTheLimitIsRefusedLeavingNothing() throws Exception {
        InMemoryStorage smallStorage = InMemoryStorage.create();
        try (Crm small = Crm.builder().storage(smallStorage).clock(clock)
                .documents(DocumentSettings.builder().maxSize(1000).build()).build()) {
            Document empty = small.documents().upload(NewDocument.named("empty.txt", "text/plain"), bytes(new byte[0]));
            assertThat(empty.current().size()).isZero();
            assertThat(empty.current().sha256()).isEqualTo(sha256(new byte[0]));
            assertThat(read(small.documents().open(empty.id()))).isEmpty();
            Document full = small.documents().upload(NewDocument.named("full.bin", "application/octet-stream"),
                    bytes(new byte[1000]));
            assertThat(full.current().size()).isEqualTo(1000);

            assertThat(violationsOf(() -> small.documents().upload(NewDocument.named("big.bin", "application/octet-stream"),
                    bytes(new byte[1001])))).containsExactly("content:too_large");
            assertThat(violationsOf(() -> small.documents().addVersion(full.id(), bytes(new byte[5000]))))
                    .containsExactly("content:too_large");
            assertThat(small.documents().require(full.id()).currentVersion()).isEqualTo(1);
            assertThat(small.documents().search(DocumentQuery.all(), PageRequest.first(10)).items()).hasSize(2);
            assertThat(((InMemoryContentStore) smallStorage.contentStore().orElseThrow()).size())
                    .as("refused content is not kept").isEqualTo(2);
        }
        assertThat(violationsOf(() -> DocumentSettings.builder().maxSize(0).build())).containsExactly("maxSize:range");
    }

    @Test
    void versionsAreNumberedWithoutGapsAndOldOnesStayReadable() throws Exception {
        Document d = upload(li, "报价单.pdf");
        for (int i = 2; i <= 4; i++) {
            clock.advance(java.time.Duration.ofSeconds(1));
            Document next = li.addVersion(d.id(), text("version " + i));
            assertThat(next.currentVersion()).isEqualTo(i);
            assertThat(events.get(events.size() - 1)).isEqualTo(new DocumentEvent.VersionAdded(d.id(), i, clock.instant(), LI.user()));
        }
        Document stored = li.require(d.id());
        assertThat(stored.versions()).extracting(DocumentVersion::number).containsExactly(1, 2, 3, 4);
        assertThat(stored.versions()).extracting(DocumentVersion::contentKey).doesNotHaveDuplicates();
        for (int i = 2; i <= 4; i++) {
            assertThat(new String(read(li.open(d.id(), i)), StandardCharsets.UTF_8)).isEqualTo("version " + i);
        }
        assertThat(crm.audit().history(RecordKind.DOCUMENT, d.id().value(), PageRequest.first(10)).items())
                .extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE,
                        AuditAction.UPDATE);
    }

    @Test
    void twoThreadsAddingVersionsToOneDocumentLeaveNoGap() throws Exception {
        Document d = upload(li, "shared.pdf");
        int perThread = 15;
        AtomicInteger added = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        try {
                            li.addVersion(d.id(), text("thread " + thread + " #" + i));
                            added.incrementAndGet();
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Document stored = li.require(d.id());
        assertThat(added.get() + conflicts.get()).isEqualTo(2 * perThread);
        assertThat(stored.versions()).extracting(DocumentVersion::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 1 + added.get()).boxed().toList());
        assertThat(contents.size()).as("a conflicting version's content is deleted again").isEqualTo(1 + added.get());
    }

    @Test
    void aFailedUploadDeletesTheContentItWrote() {
        io.crmkit.core.customer.CustomerId nobody = new io.crmkit.core.customer.CustomerId(java.util.UUID.randomUUID());
        assertThatThrownBy(() -> li.upload(NewDocument.named("x.pdf", "application/pdf").linkTo(DocumentLink.customer(nobody)),
                text("x"))).isInstanceOf(NotFoundException.class);
        assertThat(contents.size()).isZero();
        assertThat(crm.documents().search(DocumentQuery.all(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void outsidersSeeNothingAndGrantsLendReadOrEdit() throws Exception {
        Document d = upload(li, "机密.pdf");
        DocumentService wang = crm.as(WANG).documents();
        assertThat(wang.get(d.id())).isEmpty();
        assertThatThrownBy(() -> wang.open(d.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> wang.downloads(d.id(), PageRequest.first(10))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> wang.grants(d.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> wang.addVersion(d.id(), text("x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> wang.grant(d.id(), WANG.user(), ShareAccess.EDIT)).isInstanceOf(NotFoundException.class);
        assertThat(wang.search(DocumentQuery.all(), PageRequest.first(10)).items()).isEmpty();
        assertThat(li.downloads(d.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(contents.size()).as("a refused version is never stored").isEqualTo(1);

        li.grant(d.id(), WANG.user(), ShareAccess.READ);
        assertThat(events.get(events.size() - 2)).as("before the notice it raises").isEqualTo(new DocumentEvent.Shared(d.id(), WANG.user(), ShareAccess.READ,
                clock.instant(), LI.user()));
        assertThat(new String(read(wang.open(d.id())), StandardCharsets.UTF_8)).isEqualTo("content of 机密.pdf");
        assertThatThrownBy(() -> wang.addVersion(d.id(), text("x"))).isInstanceOf(AccessDeniedException.class);
        assertThat(crm.as(WANG).access().can(io.crmkit.core.security.Action.READ, RecordKind.DOCUMENT, d.id().value())).isTrue();
        assertThat(crm.as(WANG).access().can(io.crmkit.core.security.Action.EDIT, RecordKind.DOCUMENT, d.id().value())).isFalse();
        assertThat(contents.size()).isEqualTo(1);
        assertThat(crm.as(ZHAO).documents().get(d.id())).as("a user grant is for that user only").isEmpty();

        li.grant(d.id(), SALES, ShareAccess.EDIT);
        assertThat(crm.as(ZHAO).documents().addVersion(d.id(), text("by zhao")).currentVersion()).isEqualTo(2);
        assertThat(li.grants(d.id())).extracting(s -> s.grantee().id() + "=" + s.access()).containsExactly("sales=EDIT", "wang=READ");
        assertThat(wang.search(DocumentQuery.all(), PageRequest.first(10)).items()).extracting(Document::id).containsExactly(d.id());

        assertThatThrownBy(() -> crm.as(LI).access().share(RecordKind.DOCUMENT, d.id().value(), WANG.user(), ShareAccess.EDIT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("crm.documents().grant");
        assertThat(li.revoke(d.id(), SALES)).isTrue();
        assertThat(li.revoke(d.id(), SALES)).isFalse();
        assertThat(crm.as(ZHAO).documents().get(d.id())).isEmpty();
        assertThat(crm.audit().history(RecordKind.DOCUMENT, d.id().value(), PageRequest.first(10)).items())
                .extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.SHARE, AuditAction.SHARE,
                        AuditAction.UPDATE, AuditAction.UNSHARE);
    }

    @Test
    void creatingForAnotherOwnerOrDepartmentTakesTheRightAndStoresNoContent() {
        DocumentService wang = crm.as(WANG).documents();
        assertThatThrownBy(() -> wang.upload(NewDocument.named("x", "text/plain").owner(LI.user()).department(LEGAL), text("x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(contents.size()).isZero();
        Document forColleague = wang.upload(NewDocument.named("x", "text/plain").owner(ZHAO.user()).department(SALES), text("x"));
        assertThat(crm.as(ZHAO).documents().get(forColleague.id())).isPresent();
    }

    @Test
    void linksToRecordsTheActorMayNotReadDoNotLeak() {
        Customer mine = crm.as(WANG).customers().create(NewCustomer.person("王客户").owner(WANG.user()));
        Customer theirs = crm.customers().create(NewCustomer.person("别人的客户").owner(UserRef.of("boss")));
        Task task = crm.as(WANG).tasks().create(NewTask.titled("跟进"));
        Document d = crm.documents().upload(NewDocument.named("合同.pdf", "application/pdf").owner(WANG.user())
                .department(SALES).linkTo(DocumentLink.customer(mine.id())).linkTo(DocumentLink.customer(theirs.id()))
                .linkTo(DocumentLink.task(task.id())), text("x"));
        DocumentService wang = crm.as(WANG).documents();

        assertThat(crm.documents().require(d.id()).links()).hasSize(3);
        assertThat(wang.require(d.id()).links()).as("the unreadable customer is left out")
                .containsExactlyInAnyOrder(DocumentLink.customer(mine.id()), DocumentLink.task(task.id()));
        assertThat(wang.search(DocumentQuery.all().linkedTo(DocumentLink.customer(mine.id())), PageRequest.first(10)).items())
                .extracting(Document::id).containsExactly(d.id());
        assertThat(wang.search(DocumentQuery.all().linkedTo(DocumentLink.customer(theirs.id())), PageRequest.first(10)).items())
                .as("searching by a customer one may not read finds nothing").isEmpty();
        assertThatThrownBy(() -> wang.link(d.id(), DocumentLink.customer(theirs.id()))).isInstanceOf(NotFoundException.class);
        assertThat(wang.search(DocumentQuery.all(), PageRequest.first(10)).items().get(0).links()).hasSize(2);

        Document unlinked = wang.unlink(d.id(), DocumentLink.task(task.id()));
        assertThat(unlinked.links()).containsExactly(DocumentLink.customer(mine.id()));
        assertThat(wang.unlink(d.id(), DocumentLink.task(task.id())).version()).as("unlinking twice changes nothing")
                .isEqualTo(unlinked.version());
        assertThat(crm.documents().require(d.id()).links()).hasSize(2);
        assertThat(wang.link(d.id(), DocumentLink.task(task.id())).links()).hasSize(2);
    }

    @Test
    void anArchivedDocumentIsReadOnlyAndSearchedOnlyOnRequest() throws Exception {
        Document d = upload(li, "old.pdf");
        Document kept = upload(li, "kept.pdf");
        Document archived = li.archive(d.id());
        assertThat(archived.isArchived()).isTrue();
        assertThat(events.get(events.size() - 1)).isEqualTo(new DocumentEvent.Archived(d.id(), clock.instant(), LI.user()));
        assertThat(new String(read(li.open(d.id())), StandardCharsets.UTF_8)).isEqualTo("content of old.pdf");
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable change : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> li.addVersion(d.id(), text("x")), () -> li.archive(d.id()), () -> li.grant(d.id(), WANG.user(), ShareAccess.READ),
                () -> li.link(d.id(), DocumentLink.task(new io.crmkit.core.task.TaskId(java.util.UUID.randomUUID()))))) {
            assertThat(violationsOf(change)).containsExactly("document:archived");
        }
        assertThat(li.search(DocumentQuery.all(), PageRequest.first(10)).items()).extracting(Document::id).containsExactly(kept.id());
        assertThat(li.search(DocumentQuery.all().includingArchived(), PageRequest.first(10)).items()).extracting(Document::id)
                .containsExactly(d.id(), kept.id());
        assertThat(contents.size()).isEqualTo(2);
    }

    @Test
    void searchByOwnerAndNamePrefixAcrossPages() {
        List<String> names = List.of("合同-1", "合同-2", "合同_3", "报价", "合同%4", "Contract");
        List<Document> uploaded = new ArrayList<>();
        for (String n : names) {
            uploaded.add(upload(li, n));
        }
        upload(crm.as(new Actor(UserRef.of("chen"), Set.of("staff"), Set.of(LEGAL))).documents(), "合同-chen");
        assertThat(io.crmkit.core.Pages.all(p -> li.search(DocumentQuery.all().owner(LI.user()).namePrefix("合同"), p), 2))
                .extracting(Document::name).containsExactly("合同-1", "合同-2", "合同_3", "合同%4");
        assertThat(io.crmkit.core.Pages.all(p -> li.search(DocumentQuery.all().namePrefix("合同_"), p), 1))
                .extracting(Document::name).containsExactly("合同_3");
        assertThat(io.crmkit.core.Pages.all(p -> li.search(DocumentQuery.all(), p), 3)).hasSize(names.size() + 1);
    }

    @Test
    void aFileSystemStoreFromTheSettingsKeepsTheContentInItsDirectory(@TempDir Path dir) throws Exception {
        FileSystemContentStore store = FileSystemContentStore.of(dir.resolve("docs"));
        try (Crm files = TestCrm.builder(clock).documents(DocumentSettings.builder().contentStore(store).build()).build()) {
            Document d = files.documents().upload(NewDocument.named("a.txt", "text/plain"), text("文件内容"));
            try (var walk = Files.walk(store.root())) {
                List<Path> stored = walk.filter(Files::isRegularFile).toList();
                assertThat(stored).hasSize(1);
                assertThat(stored.get(0).getFileName().toString()).isEqualTo(d.current().contentKey());
                assertThat(Files.readString(stored.get(0))).isEqualTo("文件内容");
            }
            assertThatThrownBy(() -> files.documents().upload(NewDocument.named("b.txt", "text/plain")
                    .linkTo(DocumentLink.customer(new io.crmkit.core.customer.CustomerId(java.util.UUID.randomUUID()))),
                    text("orphan?"))).isInstanceOf(NotFoundException.class);
            try (var walk = Files.walk(store.root())) {
                assertThat(walk.filter(Files::isRegularFile).count()).as("the failed upload's file is deleted").isEqualTo(1);
            }
            assertThat(new String(read(files.documents().open(d.id())), StandardCharsets.UTF_8)).isEqualTo("文件内容");
        }
    }

    @Test
    void aStorageWithoutAContentStoreNeedsOneInTheSettings() {
        InMemoryStorage inner = InMemoryStorage.create();
        CrmStorage bare = new CrmStorage() {
            @Override
            public <T> T inTransaction(UnitOfWork<T> work) {
                return inner.inTransaction(work);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        try (Crm c = Crm.builder().storage(bare).build()) {
            assertThatThrownBy(() -> c.documents().upload(NewDocument.named("x", "text/plain"), text("x")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("contentStore(");
        }
        try (Crm c = Crm.builder().storage(InMemoryStorage.create()).documents(DocumentSettings.builder()
                .contentStore(InMemoryContentStore.create()).build()).build()) {
            assertThat(c.documents().upload(NewDocument.named("x", "text/plain"), text("x")).currentVersion()).isEqualTo(1);
        }
    }
}
