package dev.opsuite.deployment.apps;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Panache over {@link AppEntity}; callers hold the session (Panache.withSession / withTransaction). */
@ApplicationScoped
public class AppRepository implements PanacheRepositoryBase<AppEntity, String> {
    Uni<List<AppEntity>> listByName() {
        return findAll(Sort.by("name")).list();
    }
}
