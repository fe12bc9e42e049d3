package io.exchangechaos.report.signing;

/**
 * A key that cannot be used as given: missing, unreadable, not PEM, truncated, or of the wrong kind. The message names
 * where the key came from and says how to fix it, e.g.
 * {@code --signing-key [ci/id_rsa]: an RSA private key; runs are signed with Ed25519: make a key pair with ./chaos keys init DIR}.
 */
public final class UnusableKeyException extends Exception {

    public UnusableKeyException(String message) {
        super(message, null, false, false);
    }
}
