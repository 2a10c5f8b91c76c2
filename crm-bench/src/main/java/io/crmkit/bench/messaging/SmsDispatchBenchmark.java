package io.crmkit.bench.messaging;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.jdbc.JdbcStorage;
import io.crmkit.messaging.HttpSmsChannel;
import io.crmkit.testkit.NoDelayServerSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SMS per second from one thread to a JSON gateway on MockWebServer in the same JVM (loopback, HTTP/1.1,
 * one kept-alive connection): through crmkit ({@code crm.messaging().send(...)} for a batch of
 * {@value #BATCH} messages, then {@code dispatchPending()}, which claims them from the outbox, posts each
 * with {@link HttpSmsChannel#jsonGateway()} and records each result on the outbox and the timeline), on
 * {@link InMemoryStorage} and on embedded H2; beside a plain OkHttp loop posting the same JSON requests
 * (same fields and headers, response read and its id extracted) to the same server.
 *
 * <p>The server sets {@code TCP_NODELAY} on accepted sockets: MockWebServer writes a response in several
 * small writes, and with Nagle's algorithm every request on a kept-alive loopback connection otherwise
 * waits about 40 ms for a delayed ACK, which would hide everything else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmsDispatchBenchmark {
    static final int BATCH = 100;
    private static final String TOKEN = "bench-token";
    private static final String TEXT = "【示例商城】张三您好，您的订单 #1024 已发货，预计三天内送达。";
    private static final String TO = "+8613800138000";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /**
     * The gateway, shared by both sides. It answers at once ({@code gatewayDelayMs=0}), which shows
     * every microsecond crmkit adds, or after 2 ms, a little of what a real gateway across a network
     * takes (tens to hundreds of milliseconds).
     */
    @State(Scope.Benchmark)
    public static class Gateway {
        @Param({"0", "2"})
        public int gatewayDelayMs;

        MockWebServer server;
        final AtomicLong ids = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws IOException {
            server = new MockWebServer();
            server.setServerSocketFactory(new NoDelayServerSockets());
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .headersDelay(gatewayDelayMs, TimeUnit.MILLISECONDS)
                            .body("{\"id\":\"sms-" + ids.incrementAndGet() + "\",\"status\":\"queued\"}").build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
        }

        /** MockWebServer keeps every request it answered; left alone, they fill the heap over a trial. */
        @TearDown(Level.Iteration)
        public void forgetRequests() throws InterruptedException {
            while (server.takeRequest(0, TimeUnit.SECONDS) != null) {
                // drop it
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            server.close();
        }
    }

    /**
     * A CRM with the SMS channel on one storage, and a customer to send to; for the breakdown, a second
     * CRM on a second store of the same kind whose SMS channel answers at once without I/O. Both keep
     * their store for the whole trial, so it grows over the run as a real outbox does.
     */
    @State(Scope.Benchmark)
    public static class Outbox {
        @Param({"memory", "h2"})
        public String storage;

        Crm crm;
        Customer customer;
        Crm noTransport;
        Customer noTransportCustomer;
        final List<Path> dirs = new ArrayList<>();

        @Setup(Level.Trial)
        public void start(Gateway gateway) throws IOException {
            HttpSmsChannel sms = HttpSmsChannel.jsonGateway().url(gateway.server.url("/v1/sms").toString())
                    .bearerToken(TOKEN).from("SHOP").build();
            crm = crm(sms);
            customer = crm.customers().create(NewCustomer.person("张三").phone("13800138000"));
            AtomicLong receipts = new AtomicLong();
            noTransport = crm(new MessageChannel() {
                @Override
                public ChannelKind kind() {
                    return ChannelKind.SMS;
                }

                @Override
                public DeliveryReceipt send(OutboundMessage message) {
                    return new DeliveryReceipt("instant-" + receipts.incrementAndGet());
                }
            });
            noTransportCustomer = noTransport.customers().create(NewCustomer.person("张三").phone("13800138000"));
        }

        private Crm crm(MessageChannel channel) throws IOException {
            CrmStorage store;
            if (storage.equals("h2")) {
                Path dir = Files.createTempDirectory("crmkit-sms-bench");
                dirs.add(dir);
                store = JdbcStorage.embedded(dir);
            } else {
                store = InMemoryStorage.create();
            }
            return Crm.builder().storage(store).messaging(MessagingSettings.builder().channel(channel).dispatcher(BATCH, java.time.Duration.ofMinutes(5),
                    java.time.Duration.ofSeconds(30)).build()).build();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            crm.close();
            noTransport.close();
            for (Path dir : dirs) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** For the breakdown: the SMS channel alone. */
    @State(Scope.Benchmark)
    public static class Parts {
        HttpSmsChannel channel;

        @Setup(Level.Trial)
        public void start(Gateway gateway) {
            channel = HttpSmsChannel.jsonGateway().url(gateway.server.url("/v1/sms").toString()).bearerToken(TOKEN)
                    .from("SHOP").build();
        }

        @TearDown(Level.Trial)
        public void stop() {
            channel.close();
        }
    }

    /** A plain OkHttp client, as a host would write the loop by hand. */
    @State(Scope.Benchmark)
    public static class Plain {
        OkHttpClient client;
        Request.Builder template;

        @Setup(Level.Trial)
        public void start(Gateway gateway) {
            client = new OkHttpClient();
            template = new Request.Builder().url(gateway.server.url("/v1/sms")).header("Authorization", "Bearer " + TOKEN);
        }

        @TearDown(Level.Trial)
        public void stop() {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int outbox(Outbox state) {
        for (int i = 0; i < BATCH; i++) {
            state.crm.messaging().send(MessageRequest.sms(state.customer.id()).text(TEXT));
        }
        int sent = state.crm.messaging().dispatchPending();
        if (sent != BATCH) {
            throw new IllegalStateException("dispatched " + sent + " of " + BATCH);
        }
        return sent;
    }

    /** Breakdown: {@link HttpSmsChannel#send} alone, no CRM. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int partChannelOnly(Parts state) {
        int sent = 0;
        for (int i = 0; i < BATCH; i++) {
            UUID id = UUID.randomUUID();
            state.channel.send(new OutboundMessage(new MessageId(id), id.toString(), TO, new MessageContent.Sms(TEXT)));
            sent++;
        }
        return sent;
    }

    /** Breakdown: send and dispatch, as {@link #outbox}, through a channel that does no I/O. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int partOutboxWithoutTransport(Outbox state) {
        for (int i = 0; i < BATCH; i++) {
            state.noTransport.messaging().send(MessageRequest.sms(state.noTransportCustomer.id()).text(TEXT));
        }
        return state.noTransport.messaging().dispatchPending();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int baselinePlainOkHttp(Plain state) throws IOException {
        int sent = 0;
        for (int i = 0; i < BATCH; i++) {
            String key = UUID.randomUUID().toString();
            String body = "{\"from\":\"SHOP\",\"to\":\"" + TO + "\",\"text\":\"" + TEXT + "\",\"idempotencyKey\":\"" + key + "\"}";
            Request request = state.template.header("Idempotency-Key", key).post(RequestBody.create(body, JSON)).build();
            try (Response response = state.client.newCall(request).execute()) {
                ResponseBody responseBody = response.body();
                String text = responseBody.string();
                if (!response.isSuccessful() || !text.contains("\"id\":\"sms-")) {
                    throw new IOException("gateway answered " + response.code() + ": " + text);
                }
                sent++;
            }
        }
        return sent;
    }
}
