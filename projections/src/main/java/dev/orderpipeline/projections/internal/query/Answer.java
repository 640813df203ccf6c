package dev.orderpipeline.projections.internal.query;

import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A view plus where it came from: the active copy of the data (fresh), or a standby copy that may be behind by
 * {@code standbyLag} changelog records. Controllers turn the lag into the {@code X-Served-By-Standby} header.
 */
public record Answer<T>(T value, OptionalLong standbyLag) {

    public static <T> Answer<T> active(final T value) {
        return new Answer<>(value, OptionalLong.empty());
    }

    public static <T> Answer<T> standby(final T value, final long lag) {
        return new Answer<>(value, OptionalLong.of(lag));
    }

    public <U> Answer<U> map(final Function<? super T, ? extends U> mapper) {
        return new Answer<>(mapper.apply(value), standbyLag);
    }

    /** The larger of two lags, for views gathered from several answers. */
    static OptionalLong worst(final OptionalLong a, final OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }
}
