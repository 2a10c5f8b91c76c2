package io.crmkit.core.internal.marketing;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.event.DomainEventListener;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.marketing.CampaignMember;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.messaging.MessageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Moves a campaign member when its message is reported delivered, or failed for good: after the message's change
 * committed, in a transaction of its own. A member that went on (responded, converted) keeps its status and has the
 * time recorded. Messages that are no campaign's cost one read by message id.
 */
public final class CampaignDeliveries implements DomainEventListener {
    private volatile @Nullable Engine engine;

    /** The listeners with this one first. */
    public static List<DomainEventListener> first(CampaignDeliveries deliveries, List<DomainEventListener> others) {
        List<DomainEventListener> all = new ArrayList<>(others.size() + 1);
        all.add(deliveries);
        all.addAll(others);
        return all;
    }

    void bind(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void on(DomainEvent event) {
        Engine e = engine;
        if (e == null || !(event instanceof MessageEvent.StatusChanged changed)) {
            return;
        }
        @Nullable MemberStatus to = switch (changed.status()) {
            case DELIVERED -> MemberStatus.DELIVERED;
            case FAILED, DEAD -> MemberStatus.FAILED;
            default -> null;
        };
        if (to == null) {
            return;
        }
        if (e.read(repos -> repos.campaigns().findMemberByMessage(changed.messageId())).isEmpty()) {
            return; // no campaign's message: no write transaction for it
        }
        e.write(tx -> {
            Optional<CampaignMember> member = tx.repos().campaigns().findMemberByMessage(changed.messageId());
            member.ifPresent(m -> {
                CampaignMember moved = m.status() == MemberStatus.SENT || m.status() == MemberStatus.DELIVERED
                        ? m.moveTo(to, tx.now(), Optional.empty(), to == MemberStatus.FAILED
                                ? Optional.of("message " + changed.status().name().toLowerCase(java.util.Locale.ROOT))
                                : Optional.empty())
                        : m.reach(to, tx.now());
                if (m.status() != to) {
                    tx.repos().campaigns().updateMember(moved);
                }
            });
            return null;
        });
    }

    @Override
    public String toString() {
        return "CampaignDeliveries";
    }
}
