package dev.clocksync.berkeleyslave;

import dev.clocksync.support.http.PeerClients;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the slave joins the Berkeley masters and what it accepts from them.
 *
 * @param masterUrl         the base URLs of the masters, one or more (comma-separated in a property): the slave
 *                          registers with every one, so that whichever leads knows every slave at once
 * @param nodeName          the name the slave registers under (e.g. {@code KMC}); unset means {@code node.name}
 * @param advertisedUrl     the base URL the master should use to reach this slave; unset means
 *                          {@code http://127.0.0.1:<the port this slave listens on>}
 * @param heartbeatInterval how often the slave registers again, so that a restarted master finds it
 * @param maxRetryInterval  the longest wait between registration attempts while the master does not answer
 * @param maxAdjustment     the largest adjustment the slave applies; a larger one is refused with 422
 * @param connectTimeout    connect timeout of calls to the master
 * @param readTimeout       read timeout of calls to the master
 */
@ConfigurationProperties("berkeley")
@Validated
public record SlaveProperties(
        @NotEmpty @Size(max = 16) @DefaultValue("http://localhost:8080") List<URI> masterUrl,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String nodeName,
        URI advertisedUrl,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("5s") Duration heartbeatInterval,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("30s") Duration maxRetryInterval,
        @NotNull @DurationMin(nanos = 1) @DurationMax(days = 3650) @DefaultValue("24h") Duration maxAdjustment,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("500ms") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("1s") Duration readTimeout) {

    @AssertTrue(message = "berkeley.master-url must be absolute http or https URLs")
    public boolean isMasterUrlHttp() {
        return masterUrl == null || masterUrl.stream().allMatch(url -> url != null && isHttp(url));
    }

    @AssertTrue(message = "berkeley.master-url names a master twice")
    public boolean isMasterUrlDistinct() {
        return masterUrl == null || masterUrl.stream().filter(Objects::nonNull)
                .map(url -> url.normalize().toString().toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                .distinct().count() == masterUrl.stream().filter(Objects::nonNull).count();
    }

    @AssertTrue(message = "berkeley.advertised-url must be an absolute http or https URL")
    public boolean isAdvertisedUrlHttp() {
        return advertisedUrl == null || isHttp(advertisedUrl);
    }

    static boolean isHttp(URI url) {
        return url == null || PeerClients.isHttpUrl(url);
    }
}
