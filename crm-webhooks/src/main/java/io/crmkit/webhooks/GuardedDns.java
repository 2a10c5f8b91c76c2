package io.crmkit.webhooks;

import io.crmkit.core.webhook.AddressGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;

/**
 * Resolves with the client's own {@link Dns}, then refuses the whole answer if the guard refuses any address in it:
 * the check at connect time, on the addresses OkHttp is about to connect to.
 */
final class GuardedDns implements Dns {
    private final Dns delegate;
    private final AddressGuard guard;

    GuardedDns(Dns delegate, AddressGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = delegate.lookup(hostname);
        Optional<String> refused = guard.refusal(hostname, addresses);
        if (refused.isPresent()) {
            throw new RefusedAddressException(refused.get());
        }
        return addresses;
    }

    /** A lookup the guard refused: an {@link UnknownHostException}, as OkHttp's {@code Dns} contract asks. */
    static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super("refused by the webhook address guard: " + message);
        }
    }
}
