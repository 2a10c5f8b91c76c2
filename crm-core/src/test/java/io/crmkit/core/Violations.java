package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Reads the violations of a call that must fail validation, as {@code field:code} strings. */
public final class Violations {
    private Violations() {
    }

    public static List<String> violationsOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ValidationException.class);
        return ((ValidationException) thrown).violations().stream().map(v -> v.field() + ":" + v.code()).toList();
    }
}
