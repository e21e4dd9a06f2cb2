package io.mdw.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WarehouseDatesTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 2);

    @Test
    void aHistoryStartIsADayFrom1900ToToday() {
        assertThat(WarehouseDates.historyStart(LocalDate.of(1900, 1, 1), TODAY)).isEqualTo("1900-01-01");
        assertThat(WarehouseDates.historyStart(TODAY, TODAY)).isEqualTo(TODAY);

        assertThatThrownBy(() -> WarehouseDates.historyStart(LocalDate.of(1899, 12, 31), TODAY))
                .hasMessage("1899-12-31 is before 1900-01-01; the warehouse holds no history before it");
        assertThatThrownBy(() -> WarehouseDates.historyStart(LocalDate.of(-5000, 1, 1), TODAY))
                .hasMessageStartingWith("-5000-01-01 is before 1900-01-01");
        assertThatThrownBy(() -> WarehouseDates.historyStart(TODAY.plusDays(1), TODAY))
                .hasMessage("2025-06-03 is after today (2025-06-02); history starts in the past");
    }

    @Test
    void rangesLieInTheYears1900To2999() {
        assertThat(WarehouseDates.isInRange(1900)).isTrue();
        assertThat(WarehouseDates.isInRange(2999)).isTrue();
        assertThat(WarehouseDates.isInRange(1899)).isFalse();
        assertThat(WarehouseDates.isInRange(3000)).isFalse();
        assertThat(WarehouseDates.isInRange(Instant.parse("2999-12-31T23:59:59.999999Z"))).isTrue();
        assertThat(WarehouseDates.isInRange(Instant.parse("+300000-01-01T00:00:00Z"))).isFalse();
        assertThat(WarehouseDates.YEARS).isEqualTo("years 1900 to 2999");
    }

    @Test
    void aWindowOverAllTheYearsRunsFromTheStartOf1900ToTheStartOf3000() {
        assertThat(WarehouseDates.START).isEqualTo("1900-01-01T00:00:00Z");
        assertThat(WarehouseDates.END).isEqualTo("3000-01-01T00:00:00Z");
        assertThat(WarehouseDates.isInRange(WarehouseDates.START)).isTrue();
        assertThat(WarehouseDates.isInRange(WarehouseDates.END)).isFalse();
    }

    @Test
    void timesAreStoredToTheMicrosecond() {
        assertThat(WarehouseDates.isToTheMicrosecond(Instant.parse("2023-03-13T18:04:59.999999Z"))).isTrue();
        assertThat(WarehouseDates.isToTheMicrosecond(Instant.parse("2023-03-13T18:05:00Z"))).isTrue();
        assertThat(WarehouseDates.isToTheMicrosecond(Instant.parse("2023-03-13T18:04:59.9999996Z"))).isFalse();
    }
}
