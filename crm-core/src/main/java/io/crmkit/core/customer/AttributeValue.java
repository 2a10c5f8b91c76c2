package io.crmkit.core.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A typed custom attribute value: text, number, date or boolean. */
public sealed interface AttributeValue {
    /** The value's type, for storage and display. */
    AttributeType type();

    /** The value as text: numbers in plain notation, dates in ISO form. */
    String asText();

    static AttributeValue of(String text) {
        return new Text(text);
    }

    static AttributeValue of(BigDecimal number) {
        return new Number(number);
    }

    static AttributeValue of(long number) {
        return new Number(BigDecimal.valueOf(number));
    }

    static AttributeValue of(LocalDate date) {
        return new Date(date);
    }

    static AttributeValue of(boolean flag) {
        return new Bool(flag);
    }

    /** Reads a value back from its type and {@link #asText()} form. */
    static AttributeValue parse(AttributeType type, String text) {
        return switch (type) {
            case TEXT -> new Text(text);
            case NUMBER -> new Number(new BigDecimal(text));
            case DATE -> new Date(LocalDate.parse(text));
            case BOOLEAN -> new Bool(Boolean.parseBoolean(text));
        };
    }

    /** The four attribute types. */
    enum AttributeType { TEXT, NUMBER, DATE, BOOLEAN }

    /** Text, at most 2,000 characters. */
    record Text(String value) implements AttributeValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public AttributeType type() {
            return AttributeType.TEXT;
        }

        @Override
        public String asText() {
            return value;
        }
    }

    /** A decimal number; compared by value, so {@code 1.0} equals {@code 1}. */
    record Number(BigDecimal value) implements AttributeValue {
        public Number {
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }

        @Override
        public AttributeType type() {
            return AttributeType.NUMBER;
        }

        @Override
        public String asText() {
            return value.toPlainString();
        }
    }

    /** A calendar date. */
    record Date(LocalDate value) implements AttributeValue {
        public Date {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public AttributeType type() {
            return AttributeType.DATE;
        }

        @Override
        public String asText() {
            return value.toString();
        }
    }

    /** True or false. */
    record Bool(boolean value) implements AttributeValue {
        @Override
        public AttributeType type() {
            return AttributeType.BOOLEAN;
        }

        @Override
        public String asText() {
            return Boolean.toString(value);
        }
    }
}
