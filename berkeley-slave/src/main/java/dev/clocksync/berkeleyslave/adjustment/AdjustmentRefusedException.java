package dev.clocksync.berkeleyslave.adjustment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** An adjustment the slave will not apply; the clock is unchanged. */
class AdjustmentRefusedException extends ErrorResponseException {

    private AdjustmentRefusedException(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:clocksync:problem:" + type));
        problem.setTitle(title);
        return problem;
    }

    static AdjustmentRefusedException tooLarge(long adjustmentNanos, long maxNanos) {
        return new AdjustmentRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "adjustment-too-large", "Adjustment too large",
                "An adjustment of " + adjustmentNanos + " ns exceeds berkeley.max-adjustment (" + maxNanos
                        + " ns); the clock is unchanged.");
    }

    static AdjustmentRefusedException outOfRange(long adjustmentNanos) {
        return new AdjustmentRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "adjustment-out-of-range", "Adjustment out of range",
                "An adjustment of " + adjustmentNanos + " ns would put the clock beyond what it can represent; the clock is unchanged.");
    }

    static AdjustmentRefusedException conflict(String key, long applied, long requested) {
        return new AdjustmentRefusedException(HttpStatus.CONFLICT, "round-conflict", "Round already applied",
                "Round " + key + " was applied with " + applied + " ns; this request asks for " + requested
                        + " ns. A round is applied once; the clock is unchanged.");
    }
}
