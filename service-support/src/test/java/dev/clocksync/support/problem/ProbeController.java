package dev.clocksync.support.problem;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** Endpoints that fail in every way a real one can. */
@RestController
public class ProbeController {

    record Order(@NotBlank String name, @NotNull @Min(1) @Max(10) Integer count) {
    }

    @PostMapping("/probe/orders")
    Order order(@Valid @RequestBody Order order) {
        return order;
    }

    @GetMapping("/probe/count")
    int count(@RequestParam @Min(1) @Max(10) int n) {
        return n;
    }

    @GetMapping("/probe/boom")
    String boom() {
        throw new IllegalStateException("secret internals");
    }

    @GetMapping("/probe/container-error")
    void containerError(HttpServletResponse response) throws IOException {
        response.sendError(413);
    }
}
