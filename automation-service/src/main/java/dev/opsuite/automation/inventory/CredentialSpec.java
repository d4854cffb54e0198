package dev.opsuite.automation.inventory;

/** What a create/update of a credential asks for; on update null keeps a field and "" keeps a secret. */
public record CredentialSpec(
        String name,
        String username,
        String authType,
        String password,
        String privateKey,
        String passphrase,
        String clusterName,
        String nodePattern,
        Boolean isDefault,
        Become become) {

    public record Become(String method, String user, String password) {}
}
