package dev.opsuite.l10n.support;

import static io.restassured.RestAssured.given;

import dev.opsuite.devstack.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Requests as a given role, and small builders for the objects most tests need. */
public final class Api {
    private Api() {}

    public static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TestTokens.issue("tester-" + role, role));
    }

    public static RequestSpecification operator() {
        return as("operator");
    }

    public static RequestSpecification viewer() {
        return as("viewer");
    }

    public static RequestSpecification admin() {
        return as("admin");
    }

    public static String unique(String base) {
        return base + "-" + Long.toHexString(System.nanoTime());
    }

    public static String createMod(String modid) {
        return operator()
                .contentType(ContentType.JSON)
                .body(Map.of("modid", modid, "slug", modid, "name", "Mod " + modid))
                .post("/api/v6/mods")
                .then()
                .statusCode(201)
                .extract()
                .path("uid");
    }

    public static String createFile(String carrierUid, String locale) {
        return createFile("mod", carrierUid, locale, "json");
    }

    public static String createFile(String carrierType, String carrierUid, String locale, String format) {
        return operator()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "carrier_type", carrierType,
                        "carrier_uid", carrierUid,
                        "locale", locale,
                        "rel_path", "assets/x/lang/" + locale + "." + format,
                        "format", format))
                .post("/api/v6/language-files")
                .then()
                .statusCode(201)
                .extract()
                .path("uid");
    }

    public static Response importFile(String fileUid, String body, String query) {
        return operator()
                .contentType("application/json")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v6/language-files/" + fileUid + "/import" + (query == null ? "" : "?" + query));
    }

    /** The entry of a key in a file, as the list endpoint returns it. */
    public static Map<String, Object> entry(String fileUid, String key) {
        String after = null;
        while (true) {
            Response r = viewer().queryParam("language_file_uid", fileUid)
                    .queryParam("limit", 1000)
                    .queryParam("after", after == null ? "" : after)
                    .get("/api/v6/translations");
            r.then().statusCode(200);
            java.util.List<Map<String, Object>> items = r.jsonPath().getList("items");
            for (Map<String, Object> item : items) {
                if (key.equals(item.get("key"))) {
                    return item;
                }
            }
            after = r.jsonPath().getString("next");
            if (after == null) {
                throw new AssertionError("no entry " + key + " in " + fileUid);
            }
        }
    }
}
