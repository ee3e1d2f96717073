package dev.clocksync.berkeleymaster.registry;

import dev.clocksync.support.http.PeerClients;
import dev.clocksync.support.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

@RestController
@Tag(name = "slaves", description = "The registry of slave clocks")
class RegistryController {

    private final SlaveRegistry registry;

    RegistryController(SlaveRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/slaves")
    @Operation(summary = "Register a slave (idempotent by name)",
            description = "Adds the slave, or, if a slave of that name is known, takes its URL and counts this as its "
                    + "heartbeat. Slaves register again every few seconds; one that stops is forgotten after "
                    + "berkeley.registration-ttl.")
    @ApiResponse(responseCode = "201", description = "A new slave")
    @ApiResponse(responseCode = "200", description = "A known slave: heartbeat recorded")
    @ApiResponse(responseCode = "400", description = "Invalid name or URL",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The registry is full",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<SlaveView> register(@Valid @RequestBody SlaveRegistrationRequest request) {
        URI url = validUrl(request.url());
        boolean created = registry.register(request.name(), url);
        SlaveView view = registry.view(request.name()).orElseThrow();
        return created
                ? ResponseEntity.created(URI.create("/slaves/" + request.name())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/slaves")
    @Operation(summary = "List the registered slaves", description = "Every slave the master knows, by name, with the age of its last heartbeat.")
    List<SlaveView> list() {
        return registry.views();
    }

    @GetMapping("/slaves/{name}")
    @Operation(summary = "One registered slave")
    @ApiResponse(responseCode = "200", description = "The slave")
    @ApiResponse(responseCode = "404", description = "No slave of that name",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaveView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name) {
        return registry.view(name).orElseThrow(() -> unknown(name));
    }

    @DeleteMapping("/slaves/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a slave", description = "Forgets the slave now. If it is alive it registers again at its next heartbeat.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No slave of that name",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    void remove(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name) {
        if (!registry.remove(name)) {
            throw unknown(name);
        }
    }

    private static ErrorResponseException unknown(String name) {
        return Problems.exception(HttpStatus.NOT_FOUND, "unknown-slave", "Unknown slave", "No slave named " + name + " is registered.");
    }

    private static URI validUrl(String url) {
        try {
            URI uri = new URI(url);
            if (PeerClients.isHttpUrl(uri) && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // answered below
        }
        throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-url", "Invalid URL",
                "url must be an absolute http or https URL with a host, and without user info, query or fragment.");
    }
}
