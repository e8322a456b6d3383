package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.tokenservice.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/** The System Monitoring view's charts over a range; whoever may see the summary may see them. */
@Controller("/api/v1/monitoring/charts")
@Secured({Roles.SUPER_ADMIN, Roles.AUDITOR})
class MonitoringChartsController {

    private final PrometheusCharts charts;

    MonitoringChartsController(PrometheusCharts charts) {
        this.charts = charts;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    MonitoringCharts charts(@QueryValue @Nullable String range) {
        return charts.charts(ChartRange.parse(range));
    }
}
