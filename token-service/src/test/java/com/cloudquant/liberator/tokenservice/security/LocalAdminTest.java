package com.cloudquant.liberator.tokenservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cloudquant.liberator.tokenservice.config.AdminSettings;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LocalAdminTest {

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedShownOnceAndAccepted() {
        Logger logger = (Logger) LoggerFactory.getLogger(LocalAdmin.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        LocalAdmin admin;
        try {
            admin = new LocalAdmin(new AdminSettings(true, null, 10000, 5, Duration.ofMinutes(1), 20));
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(logs.list).hasSize(1);
        Matcher shown = Pattern.compile("'admin'\\s+(\\S+)").matcher(logs.list.get(0).getFormattedMessage());
        assertThat(shown.find()).isTrue();
        assertThat(admin.accepts("admin", shown.group(1))).isTrue();
        assertThat(admin.accepts("root", shown.group(1))).isFalse();
        assertThat(admin.accepts("admin", "admin")).isFalse();
    }

    @Test
    void aConfiguredPasswordIsNeverLogged() {
        Logger logger = (Logger) LoggerFactory.getLogger(LocalAdmin.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            new LocalAdmin(new AdminSettings(true, "from-the-environment", 10000, 5, Duration.ofMinutes(1), 20));
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("from-the-environment"));
    }
}
