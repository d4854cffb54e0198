package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.cache.L10nCache;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.export.DictionaryService;
import dev.opsuite.l10n.export.ExportQuery;
import dev.opsuite.l10n.export.ExportService;
import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import dev.opsuite.l10n.stats.Statistics;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Statistics and the cache's status, cleanup and warm-up. */
@Path("/api/v6")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {
    private static final List<String> CARRIERS = List.of("mod", "resource_pack", "data_pack", "override");

    private final Statistics statistics;
    private final L10nCache cache;
    private final ExportService exports;
    private final DictionaryService dictionaries;
    private final Settings settings;
    private final Access access;

    public StatisticsResource(
            Statistics statistics,
            L10nCache cache,
            ExportService exports,
            DictionaryService dictionaries,
            Settings settings,
            Access access) {
        this.statistics = statistics;
        this.cache = cache;
        this.exports = exports;
        this.dictionaries = dictionaries;
        this.settings = settings;
        this.access = access;
    }

    @GET
    @Path("database/statistics")
    @PermitAll
    @RunOnVirtualThread
    public Map<String, Object> statistics(
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("fresh") String fresh) {
        access.read();
        return statistics.get("true".equals(Params.oneOf("fresh", fresh, List.of("true", "false"))));
    }

    @GET
    @Path("cache/status")
    @PermitAll
    public L10nCache.Status cacheStatus() {
        access.read();
        return cache.status();
    }

    @POST
    @Path("cache/cleanup")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Map<String, Object> cleanup() {
        int removed = cache.cleanup();
        return Map.of("removed", removed, "status", cache.status());
    }

    public record WarmupRequest(List<String> carrierTypes, List<String> locales) {}

    /** Renders the first export page of each carrier type x locale and loads their dictionaries and the statistics. */
    @POST
    @Path("cache/warmup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public Map<String, Object> warmup(WarmupRequest in) {
        if (in == null || in.locales() == null || in.locales().isEmpty()) {
            throw ApiException.validation("locales[] is required", Map.of("field", "locales"));
        }
        List<String> carriers =
                in.carrierTypes() == null || in.carrierTypes().isEmpty() ? List.of("mod") : in.carrierTypes();
        for (String c : carriers) {
            if (!CARRIERS.contains(c)) {
                throw ApiException.validation(
                        "Unknown carrier type " + c, Map.of("field", "carrier_types", "expected", CARRIERS));
            }
        }
        int limit = (int) settings.get(Setting.EXPORT_BATCH_SIZE);
        List<Map<String, Object>> pages = new ArrayList<>();
        int dicts = 0;
        for (String locale : in.locales()) {
            Locales.require("locales", locale);
            for (String carrier : carriers) {
                var page = exports.warm(new ExportQuery(locale, carrier, null, null, null, limit));
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("locale", locale);
                p.put("carrier", carrier);
                p.put("rows", page.rows());
                p.put("bytes", page.body().length);
                p.put("etag", page.etag());
                pages.add(p);
            }
            var latest = dictionaries.latest(locale);
            if (latest.isPresent()) {
                dictionaries.bytes(latest.get().dictId());
                dicts++;
            }
        }
        statistics.get(true);
        return Map.of("export_pages", pages, "dictionaries", dicts, "status", cache.status());
    }
}
