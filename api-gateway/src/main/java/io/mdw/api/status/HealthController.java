package io.mdw.api.status;

import java.time.Instant;

import io.mdw.api.scheduler.SchedulerRepository;
import org.jspecify.annotations.NullMarked;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The old service's liveness answer, from the database and the scheduler's check-ins. */
@RestController
class HealthController {

    private final SchedulerRepository scheduler;

    HealthController(SchedulerRepository scheduler) {
        this.scheduler = scheduler;
    }

    /** @param schedulerRunning some batch node checked in with the clustered scheduler recently */
    @NullMarked
    record Health(String status, Instant timestamp, boolean schedulerRunning, String database) {
    }

    @GetMapping("/health")
    Mono<ResponseEntity<Health>> health() {
        Instant now = Instant.now();
        return scheduler.anyNodeAlive(now)
                .map(running -> ResponseEntity.ok(new Health("healthy", now, running, "up")))
                .onErrorResume(e -> Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(new Health("unhealthy", now, false, "down"))));
    }
}
