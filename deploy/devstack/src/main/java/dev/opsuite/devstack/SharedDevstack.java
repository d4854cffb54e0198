package dev.opsuite.devstack;

/**
 * Holder of the per-JVM stack behind {@link Devstack#shared()}. Quarkus may load devstack's classes
 * more than once (one class loader per application start), so a static field alone would start one
 * stack per class loader. State that must be unique per JVM therefore lives in system properties, and
 * the lock is a string literal: literals are interned once per JVM, whatever loaded the class.
 */
final class SharedDevstack {
    static final String JVM_WIDE_LOCK = "dev.opsuite.devstack.shared-lock";
    private static final String PG_URL = "opsuite.devstack.shared.postgres.url";
    private static final String PG_ADMIN = "opsuite.devstack.shared.postgres.admin";
    private static final String PG_ADMIN_PASSWORD = "opsuite.devstack.shared.postgres.admin-password";
    private static final String KAFKA = "opsuite.devstack.shared.kafka.bootstrap";
    private static final System.Logger LOG = System.getLogger(SharedDevstack.class.getName());

    private static volatile Devstack instance;

    private SharedDevstack() {}

    @SuppressWarnings("StringLiteralAsLock") // deliberate, see the class comment
    static Devstack get() {
        Devstack current = instance;
        if (current != null) {
            return current;
        }
        synchronized (JVM_WIDE_LOCK) {
            if (instance != null) {
                return instance;
            }
            String url = System.getProperty(PG_URL);
            if (url != null) {
                instance = Devstack.attach(
                        PostgresEndpoint.fromJdbcUrl(
                                url, System.getProperty(PG_ADMIN), System.getProperty(PG_ADMIN_PASSWORD)),
                        System.getProperty(KAFKA));
                return instance;
            }
            DevstackBackend.Selection selection = DevstackBackend.select();
            if (System.getProperty(DevstackBackend.PROPERTY) != null) {
                LOG.log(System.Logger.Level.INFO, "devstack: " + selection.reason());
            }
            Devstack started = DevstackBackend.start(selection);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "devstack-shutdown"));
            System.setProperty(PG_ADMIN, started.postgres().adminUser());
            if (started.postgres().adminPassword() != null) {
                System.setProperty(PG_ADMIN_PASSWORD, started.postgres().adminPassword());
            }
            System.setProperty(KAFKA, started.kafkaBootstrapServers());
            System.setProperty(PG_URL, started.postgres().jdbcUrl()); // last: its presence means "complete"
            instance = started;
            return started;
        }
    }
}
