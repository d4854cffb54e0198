package dev.opsuite.common.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
    // the example published with the Standard Webhooks specification, so receivers' libraries agree
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";

    @Test
    void signsTheSpecificationsExampleAsItsLibrariesDo() {
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                StandardWebhooks.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void theSecretPrefixIsOptionalAndEveryByteOfTheMessageIsCovered() {
        String bare = SPEC_SECRET.substring(StandardWebhooks.SECRET_PREFIX.length());
        String signed = StandardWebhooks.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertEquals(signed, StandardWebhooks.sign(bare, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
        assertNotEquals(signed, StandardWebhooks.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY));
        assertNotEquals(signed, StandardWebhooks.sign(SPEC_SECRET, SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY));
        assertNotEquals(signed, StandardWebhooks.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY + " "));
    }

    @Test
    void theHeadersCarryWhatTheSignatureCovers() {
        Map<String, String> headers = StandardWebhooks.headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertEquals(SPEC_ID, headers.get("webhook-id"));
        assertEquals("1614265330", headers.get("webhook-timestamp"));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers.get("webhook-signature"));
    }

    @Test
    void generatedSecretsAreThirtyTwoRandomBytesBehindThePrefix() {
        String a = StandardWebhooks.generateSecret();
        String b = StandardWebhooks.generateSecret();
        assertTrue(a.startsWith("whsec_"), a);
        assertEquals(32, StandardWebhooks.key(a).length);
        assertNotEquals(a, b);
    }

    @Test
    void aSecretThatIsNotBase64IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StandardWebhooks.key("whsec_not base64!"));
        assertArrayEquals(new byte[] {1, 2, 3}, StandardWebhooks.key("whsec_AQID"));
    }
}
