package dev.opsuite.common.paging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.function.Function;

/**
 * One page of an offset-paged list: {@code {"items":[…],"total":n,"offset":o,"limit":l,"page":p,"total_pages":t}}.
 */
@JsonPropertyOrder({"items", "total", "offset", "limit", "page", "total_pages", "has_more"})
public record OffsetPage<T>(List<T> items, long total, int offset, int limit) {

    public OffsetPage {
        items = List.copyOf(items);
    }

    public static <T> OffsetPage<T> of(List<T> items, long total, PageRequest request) {
        return new OffsetPage<>(items, total, request.offset(), request.limit());
    }

    @JsonProperty("page")
    public int page() {
        return offset / limit + 1;
    }

    @JsonProperty("total_pages")
    public long totalPages() {
        return (total + limit - 1) / limit;
    }

    @JsonProperty("has_more")
    public boolean hasMore() {
        return offset + (long) items.size() < total;
    }

    public <R> OffsetPage<R> map(Function<? super T, ? extends R> mapper) {
        return new OffsetPage<>(items.stream().<R>map(mapper).toList(), total, offset, limit);
    }
}
