package com.cloudquant.liberator.tokenservice.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamedAnswersTest {

    /**
     * A {@code /api/v1/series} answer of ten million series (about a gigabyte), made up as it is
     * read: counting it to the cap reads a sliver of it and never holds it.
     */
    @Test
    void aHugeSeriesAnswerIsCountedToTheCapWhileReadingOnlyTheBytesUpToIt() throws IOException {
        HugeSeriesAnswer answer = new HugeSeriesAnswer(10_000_000);

        StreamedAnswers.Count count = StreamedAnswers.count(answer, 100_000);

        assertThat(count).isEqualTo(new StreamedAnswers.Count(100_000, true));
        assertThat(answer.served).isLessThan(100_001L * HugeSeriesAnswer.SERIES_BYTES + 64 * 1024);
    }

    @Test
    void anAnswerBelowTheCapIsCountedExactly() throws IOException {
        String body = "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\"},"
                + "{\"__name__\":\"up\",\"data\":[1]}],\"warnings\":[\"w\"]}";

        assertThat(StreamedAnswers.count(stream(body), 100)).isEqualTo(new StreamedAnswers.Count(2, false));
        assertThat(StreamedAnswers.count(stream(body), 2)).isEqualTo(new StreamedAnswers.Count(2, false));
        assertThat(StreamedAnswers.count(stream(body), 1)).isEqualTo(new StreamedAnswers.Count(1, true));
    }

    @Test
    void namesKeepTheFirstInSortedOrderAndCountTheRest() throws IOException {
        String body = "{\"status\":\"success\",\"data\":[\"zeta\",\"alpha\",\"mu\",\"beta\"]}";

        StreamedAnswers.Names names = StreamedAnswers.names(stream(body), 2);

        assertThat(names.first()).containsExactly("alpha", "beta");
        assertThat(names.total()).isEqualTo(4);
    }

    @Test
    void anAnswerWithoutDataIsAnErrorNotZero() {
        assertThatThrownBy(() -> StreamedAnswers.count(stream("{\"status\":\"success\"}"), 10))
                .isInstanceOf(IOException.class).hasMessageContaining("no data");
        assertThatThrownBy(() -> StreamedAnswers.names(stream("<html>proxy error</html>"), 10))
                .isInstanceOf(IOException.class);
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves {@code {"status":"success","data":[{…},{…},…]}} one byte at a time, counting what was read. */
    private static final class HugeSeriesAnswer extends InputStream {
        static final byte[] SERIES = "{\"__name__\":\"node_cpu_seconds_total\",\"cpu\":\"0\",\"mode\":\"idle\"},"
                .getBytes(StandardCharsets.UTF_8);
        static final int SERIES_BYTES = SERIES.length;
        private static final byte[] HEAD = "{\"status\":\"success\",\"data\":[".getBytes(StandardCharsets.UTF_8);

        private final long total;
        long served;

        HugeSeriesAnswer(long series) {
            this.total = HEAD.length + series * SERIES_BYTES; // the last comma becomes ']' below
        }

        @Override
        public int read() {
            if (served >= total + 1) {
                return -1;
            }
            long at = served++;
            if (at < HEAD.length) {
                return HEAD[(int) at];
            }
            if (at == total - 1) {
                return ']';
            }
            if (at == total) {
                return '}';
            }
            return SERIES[(int) ((at - HEAD.length) % SERIES_BYTES)];
        }
    }
}
