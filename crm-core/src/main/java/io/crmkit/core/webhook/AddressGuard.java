package io.crmkit.core.webhook;

import io.crmkit.core.Checks;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses webhooks may be sent to: a guard against server-side request forgery. Refused unless the host
 * allows them: loopback ({@code 127.0.0.0/8}, {@code ::1}), unspecified ({@code 0.0.0.0/8}, {@code ::}), link-local
 * ({@code 169.254.0.0/16}, {@code fe80::/10}, which holds the cloud metadata service {@code 169.254.169.254}),
 * private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}, {@code fec0::/10}), shared
 * ({@code 100.64.0.0/10}, which holds Alibaba Cloud's metadata service {@code 100.100.100.200}), benchmarking
 * ({@code 198.18.0.0/15}), multicast and broadcast; and plain {@code http}. IPv4-mapped IPv6 addresses are judged
 * as the IPv4 address they hold.
 *
 * <p>The allow-list names hosts (exact, case-insensitive: every address they resolve to is allowed, and plain http
 * with them) and address ranges in CIDR notation (an intranet ERP on {@code 10.20.0.0/16}: addresses in them are
 * allowed; a URL whose host is a literal address in them may use http). The guard is checked twice: when an endpoint
 * is registered or its URL changed ({@link #refusal(URI)}), and when a transport connects, on the addresses the
 * host name resolves to then ({@link #refusal(String, List)}), so a name that later resolves to an internal address
 * (DNS rebinding) is refused too. Immutable and thread-safe.
 *
 * <pre>{@code
 * AddressGuard guard = AddressGuard.builder().allowHost("erp.intranet").allowRange("10.20.0.0/16").build();
 * }</pre>
 */
public final class AddressGuard {
    private static final AddressGuard STRICT = new AddressGuard(Set.of(), List.of());

    private final Set<String> hosts;
    private final List<Range> ranges;

    private AddressGuard(Set<String> hosts, List<Range> ranges) {
        this.hosts = hosts;
        this.ranges = ranges;
    }

    /** Allows only https to public addresses. */
    public static AddressGuard strict() {
        return STRICT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code host} is allow-listed by name. */
    public boolean allowsHost(String host) {
        return hosts.contains(normalise(host));
    }

    /**
     * Why {@code url} may not receive webhooks, or empty if it may: a scheme other than https (http only for an
     * allowed host), a host that is an internal address, or one whose name resolves to one now. A name that does
     * not resolve now passes: the transport checks again when it connects.
     */
    public Optional<String> refusal(URI url) {
        Optional<String> refused = refusalWithoutLookup(url);
        if (refused.isPresent() || allowsHost(url.getHost()) || literal(url.getHost()).isPresent()) {
            return refused;
        }
        try {
            return refusal(url.getHost(), resolve(url.getHost()));
        } catch (IllegalStateException unresolved) {
            return Optional.empty();
        }
    }

    /**
     * As {@link #refusal(URI)} without resolving a host name: the scheme, and a host that is a literal address. What
     * a transport checks before it connects (its DNS lookup checks the rest), as literal addresses are never looked up.
     */
    public Optional<String> refusalWithoutLookup(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (allowsHost(host)) {
            return Optional.empty();
        }
        Optional<InetAddress> literal = literal(host);
        if (literal.isEmpty() && (host.matches("[0-9.]+") || host.contains(":"))) {
            // 127.1, 2130706433, 127.0.0.1.: HTTP clients take these as addresses without asking the DNS, so the
            // guard's look-up would never see them
            return Optional.of("must name its host or give a canonical address (a.b.c.d or [v6]), not " + host);
        }
        if (scheme.equals("http") && !(literal.isPresent() && inAllowedRange(literal.get()))) {
            return Optional.of("must use https: plain http only to an allow-listed host");
        }
        return literal.isPresent() ? refusal(host, List.of(literal.get())) : Optional.empty();
    }

    /**
     * Why a connection to {@code host} at these addresses (what it resolved to) is refused, or empty if it is not:
     * refused when any of them is internal and neither the host nor a range allows it.
     */
    public Optional<String> refusal(String host, List<InetAddress> addresses) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(addresses, "addresses");
        if (allowsHost(host)) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!inAllowedRange(address) && isInternal(address)) {
                return Optional.of(host + " resolves to " + address.getHostAddress()
                        + ", an internal address that is not allow-listed");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code address} is one of the internal kinds this guard refuses unless allowed. */
    public static boolean isInternal(InetAddress address) {
        InetAddress a = unmapped(address);
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // this network
                    || first == 100 && second >= 64 && second < 128 // shared address space, Alibaba Cloud metadata
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7, which holds fd00:ec2::254
    }

    private boolean inAllowedRange(InetAddress address) {
        InetAddress a = unmapped(address);
        for (Range r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IPv6 address that carries an IPv4 one as that IPv4 address, so that the IPv4 rules apply to it: mapped
     * ({@code ::ffff:a.b.c.d}), translated ({@code ::ffff:0:a.b.c.d}), compatible ({@code ::a.b.c.d}), NAT64
     * ({@code 64:ff9b::a.b.c.d}) and 6to4 ({@code 2002:aabb:ccdd::}); a NAT64 gateway or 6to4 relay would otherwise
     * carry a request for {@code 64:ff9b::a9fe:a9fe} to 169.254.169.254.
     */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return address;
        }
        int at = -1;
        if (b[0] == 0x20 && b[1] == 0x02) {
            at = 2; // 6to4
        } else if (zero(b, 4, 12) && (zero(b, 0, 4) || b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff
                && b[3] == (byte) 0x9b)) {
            at = 12; // compatible, NAT64
        } else if (zero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            at = 12; // mapped
        } else if (zero(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0) {
            at = 12; // translated
        }
        if (at < 0) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address a literal host ({@code 10.0.0.1}, {@code [::1]}) names; empty for a host name. */
    static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("[0-9.]+") && h.chars().filter(c -> c == '.').count() == 3;
        boolean v6 = h.contains(":") && h.matches("[0-9a-fA-F:.%a-zA-Z]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unresolved " + host, e);
        }
    }

    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    @Override
    public String toString() {
        return "AddressGuard[hosts=" + hosts + ", ranges=" + ranges + "]";
    }

    /** An address range: the first {@code bits} bits of {@code network}. */
    private record Range(byte[] network, int bits, String text) {
        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Collects the allow-list; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private final Set<String> hosts = new LinkedHashSet<>();
        private final List<String> ranges = new ArrayList<>();

        private Builder() {
        }

        /** Allows a host by its exact name or literal address ({@code erp.intranet}, {@code 127.0.0.1}, {@code [::1]}). */
        public Builder allowHost(String host) {
            hosts.add(normalise(Objects.requireNonNull(host, "host")));
            return this;
        }

        /** Allows a range in CIDR notation, {@code 10.20.0.0/16} or {@code fd12:3456::/32}. */
        public Builder allowRange(String cidr) {
            ranges.add(Objects.requireNonNull(cidr, "cidr").strip());
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every malformed host or range */
        public AddressGuard build() {
            Checks checks = new Checks();
            for (String host : hosts) {
                checks.require(!host.isEmpty() && host.chars().noneMatch(c -> c <= ' ' || c == '/' || c == '@'),
                        "allowHost", "format", "is not a host name or address: " + host);
            }
            List<Range> parsed = new ArrayList<>();
            for (String cidr : ranges) {
                range(cidr).ifPresentOrElse(parsed::add, () -> checks.add("allowRange", "format",
                        "is not an address range such as 10.20.0.0/16: " + cidr));
            }
            checks.throwIfAny();
            return new AddressGuard(Set.copyOf(hosts), List.copyOf(parsed));
        }

        private static Optional<Range> range(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 1) {
                return Optional.empty();
            }
            Optional<InetAddress> network = literal(cidr.substring(0, slash));
            if (network.isEmpty()) {
                return Optional.empty();
            }
            int bits;
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            byte[] address = unmapped(network.get()).getAddress();
            if (bits < 0 || bits > address.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new Range(address, bits, cidr));
        }
    }
}
