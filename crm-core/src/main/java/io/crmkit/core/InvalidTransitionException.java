package io.crmkit.core;

/** A status change the workflow does not allow, such as closing a need that was never resolved. */
public class InvalidTransitionException extends CrmException {
    private static final long serialVersionUID = 1L;

    private final String from;
    private final String to;

    public InvalidTransitionException(Enum<?> from, Enum<?> to, String subject) {
        super(subject + " cannot go from " + from + " to " + to);
        this.from = from.name();
        this.to = to.name();
    }

    /** A move between states named by codes, such as the stages of a sales pipeline. */
    public InvalidTransitionException(String from, String to, String subject) {
        super(subject + " cannot go from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    /** The status the record is in. */
    public String from() {
        return from;
    }

    /** The status that was asked for. */
    public String to() {
        return to;
    }
}
