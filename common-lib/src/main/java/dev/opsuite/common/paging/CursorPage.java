package dev.opsuite.common.paging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;

/** One page of a cursor-paged list: {@code {"items":[…],"next_cursor":"…"|null,"has_more":bool}}. */
public record CursorPage<T>(
        List<T> items,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("has_more") boolean hasMore) {

    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from a query that fetched up to {@code limit + 1} rows: the extra row only says
     * there is more; the cursor points after the last returned row.
     */
    public static <T> CursorPage<T> fromLookahead(List<T> fetched, int limit, Function<? super T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(fetched, null, false);
        }
        List<T> page = fetched.subList(0, limit);
        return new CursorPage<>(page, cursorOf.apply(page.get(limit - 1)), true);
    }

    public <R> CursorPage<R> map(Function<? super T, ? extends R> mapper) {
        return new CursorPage<>(items.stream().<R>map(mapper).toList(), nextCursor, hasMore);
    }
}
