package dev.clocksync.dashboard.watch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetHistoryTests {

    @Test
    void keepsTheNewestRowsUpToItsCapacityAndAnswersThoseAfterASequence() {
        OffsetHistory history = new OffsetHistory(List.of("a", "b"), 3);
        for (long i = 1; i <= 5; i++) {
            history.add(1000 * i, i, i % 2 == 0 ? null : -i);
        }

        assertThat(history.latest()).isEqualTo(5);
        assertThat(history.after(0)).extracting(OffsetHistory.Row::sequence).containsExactly(3L, 4L, 5L);
        assertThat(history.after(3)).extracting(OffsetHistory.Row::sequence).containsExactly(4L, 5L);
        assertThat(history.after(5)).isEmpty();
        assertThat(history.after(99)).isEmpty();
        assertThat(history.after(3).get(0).offsetNanos()).containsExactly(4L, null);
        assertThat(history.after(3).get(1).at()).isEqualTo(5000);
        OffsetHistory.Page page = history.page(3);
        assertThat(page.latest()).isEqualTo(5);
        assertThat(page.rows()).extracting(OffsetHistory.Row::sequence).containsExactly(4L, 5L);
    }

    @Test
    void aRowMustHaveAnOffsetForEveryClock() {
        OffsetHistory history = new OffsetHistory(List.of("a", "b"), 3);

        assertThatThrownBy(() -> history.add(1, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetHistory(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
