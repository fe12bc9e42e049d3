package io.exchangechaos.core.secret;

/** What a redacted value was, as report.json's {@code redactions} names it; never the value. */
public enum SecretKind {
    /** The value of a variable, property, flag or field named like a password, secret, token, API key or credential. */
    NAMED("named-secret"),
    /** A value given to a name that only may be a credential (auth, bearer, session, cookie…), random enough to be one. */
    CREDENTIAL_VALUE("credential-value"),
    /** The password of {@code scheme://user:password@host}. */
    URL_PASSWORD("url-password"),
    /** {@code Bearer TOKEN}, {@code Bearer-TOKEN}, {@code Basic BASE64(user:password)}. */
    AUTH_TOKEN("auth-token"),
    /** A Slack, Discord, Teams or Google Chat webhook's path, or a long random segment of any URL's path. */
    WEBHOOK_URL("webhook-url"),
    /** A signature, credential or token in a URL's query, as in presigned URLs. */
    URL_SIGNATURE("url-signature"),
    /** A JSON Web Token. */
    JWT("jwt"),
    /** The body of a PEM private key. */
    PRIVATE_KEY("private-key"),
    /** An AWS access key id ({@code AKIA…}). */
    AWS_ACCESS_KEY_ID("aws-access-key-id"),
    /** An AWS secret access key, written near the word AWS. */
    AWS_SECRET_KEY("aws-secret-key"),
    /** A token with its provider's prefix: GitHub {@code ghp_}, GitLab {@code glpat-}, Slack {@code xoxb-}, and the like. */
    PROVIDER_TOKEN("provider-token");

    private final String id;

    SecretKind(String id) {
        this.id = id;
    }

    /** How report.json spells it, e.g. {@code auth-token}. */
    public String id() {
        return id;
    }
}
