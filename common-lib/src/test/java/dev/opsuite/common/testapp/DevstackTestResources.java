package dev.opsuite.common.testapp;

import dev.opsuite.devstack.test.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (schema commontest) and a real Kafka broker for every @QuarkusTest of this module. */
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "schema", value = "commontest"))
public class DevstackTestResources {}
