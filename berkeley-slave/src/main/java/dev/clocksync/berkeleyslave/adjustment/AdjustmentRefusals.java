package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Adjustments the slave will not apply; the clock is unchanged. */
final class AdjustmentRefusals {

    private AdjustmentRefusals() {
    }

    static ErrorResponseException tooLarge(long adjustmentNanos, long maxNanos) {
        return Problems.exception(HttpStatus.UNPROCESSABLE_CONTENT, "adjustment-too-large", "Adjustment too large",
                "An adjustment of " + adjustmentNanos + " ns exceeds berkeley.max-adjustment (" + maxNanos
                        + " ns); the clock is unchanged.");
    }

    static ErrorResponseException outOfRange(long adjustmentNanos) {
        return Problems.exception(HttpStatus.UNPROCESSABLE_CONTENT, "adjustment-out-of-range", "Adjustment out of range",
                "An adjustment of " + adjustmentNanos + " ns would put the clock beyond what it can represent; the clock is unchanged.");
    }

    static ErrorResponseException conflict(String key, long applied, long requested) {
        return Problems.exception(HttpStatus.CONFLICT, "round-conflict", "Round already applied",
                "Round " + key + " was applied with " + applied + " ns; this request asks for " + requested
                        + " ns. A round is applied once; the clock is unchanged.");
    }

    static ErrorResponseException fenced(long term, long highestTerm, String masterOfTerm) {
        String why = term < highestTerm
                ? "This adjustment carries term " + term + ", but an adjustment of term " + highestTerm
                        + " has been accepted: the master that sent it has been deposed."
                : "Term " + term + " is led here by master " + masterOfTerm + ", whose adjustment was accepted first: "
                        + "two masters claim the term, and the next election settles it.";
        ErrorResponseException refusal = Problems.exception(HttpStatus.CONFLICT, "stale-term", "Adjustment from a deposed master",
                why + " The clock is unchanged.");
        // The master learns from it the term to follow: a deposed one steps down, a second claimant of a term elects anew.
        refusal.getBody().setProperty("acceptedTerm", highestTerm);
        return refusal;
    }

    static ErrorResponseException superseded(String key, long newestRound) {
        return Problems.exception(HttpStatus.CONFLICT, "stale-round", "Round superseded",
                "Round " + key + " is not newer than round " + newestRound + " of the same master, applied already (and is "
                        + "not a retry of a round remembered): it measured the clock before that correction. The clock is unchanged.");
    }
}
