package dev.clocksync.support.access;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.validation.annotation.Validated;

import java.util.regex.Pattern;

/**
 * Access control of the cluster: one bearer token that every node shares, which every request that
 * changes a node's state must carry. Without a token a service refuses to start, unless told to run open.
 *
 * @param token the cluster's shared secret (environment variable {@code CLUSTER_TOKEN}): every POST, PUT,
 *              PATCH and DELETE must carry it as {@code Authorization: Bearer <token>}, and the service
 *              sends it on its own such calls to other nodes; 16 to 512 characters of letters, digits and
 *              {@code - . _ ~ + /} (hex or base64 will do); required unless {@code open}
 * @param open  run without access control: accept every request without a token and from any address
 *              (for experiments only; logged loudly at start). A token, if also set, is still sent to
 *              other nodes.
 */
@ConfigurationProperties("cluster")
@Validated
public record ClusterProperties(String token, @DefaultValue("false") boolean open) {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._~+/-]{16,512}=*");

    public ClusterProperties {
        token = token == null || token.isBlank() ? null : token;
    }

    /* The checks are methods rather than constraints on the token, so that a failure report never shows it. */

    @AssertTrue(message = "cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true "
            + "(CLUSTER_OPEN=true) to run without access control")
    public boolean isTokenSetOrOpen() {
        return open || token != null;
    }

    @AssertTrue(message = "cluster.token must be 16 to 512 characters of letters, digits and - . _ ~ + / "
            + "(optionally ending in =), e.g. 64 hex digits")
    public boolean isTokenWellFormed() {
        return token == null || WELL_FORMED.matcher(token).matches();
    }

    /** Adds {@code Authorization: Bearer <token>} to a request to another node, if a token is set. */
    public void authorize(HttpHeaders headers) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }

    @Override
    public String toString() {
        return "ClusterProperties[token=" + (token == null ? "none" : "(set)") + ", open=" + open + "]";
    }
}
