package io.crmkit.core.spi;

/**
 * Work done in one transaction against the repositories.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface UnitOfWork<T> {
    T run(Repositories repositories);
}
