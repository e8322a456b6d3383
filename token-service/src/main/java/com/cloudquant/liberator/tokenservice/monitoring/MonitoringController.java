package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.tokenservice.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/** The System Monitoring view's numbers; both roles may look. */
@Controller("/api/v1/monitoring/summary")
@Secured({Roles.SUPER_ADMIN, Roles.AUDITOR})
class MonitoringController {

    private final PrometheusQueries prometheus;

    MonitoringController(PrometheusQueries prometheus) {
        this.prometheus = prometheus;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    MonitoringSummary summary() {
        return prometheus.summary();
    }
}
