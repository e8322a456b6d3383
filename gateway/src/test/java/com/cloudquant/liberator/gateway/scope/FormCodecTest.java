package com.cloudquant.liberator.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormCodecTest {

    @Test
    void decodesAsPrometheusReadsAForm() {
        assertThat(FormCodec.decode("query=sum(rate(x%5B5m%5D))+by+(job)&match%5B%5D=up&flag&&empty=", "query string"))
                .containsExactly(new Param("query", "sum(rate(x[5m])) by (job)"), new Param("match[]", "up"),
                        new Param("flag", ""), new Param("empty", ""));
        assertThat(FormCodec.decode((String) null, "query string")).isEmpty();
        assertThat(FormCodec.decode("q=%E2%82%AC%F0%9F%98%80", "form body")).containsExactly(new Param("q", "€😀"));
    }

    @Test
    void whatGoWouldSkipIsRefusedInstead() {
        for (String bad : List.of("query=up;time=1", "query=%zz", "query=%4", "query=%ff")) {
            assertThatThrownBy(() -> FormCodec.decode(bad, "form body")).as(bad)
                    .isInstanceOfSatisfying(GatewayRejection.class, r -> {
                        assertThat(r.status().getCode()).isEqualTo(400);
                        assertThat(r.getMessage()).startsWith("malformed form body: ");
                    });
        }
        assertThatThrownBy(() -> FormCodec.decode(new byte[] {'q', '=', (byte) 0xc3}, "form body"))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void encodingRoundTripsEveryValue() {
        List<Param> params = List.of(new Param("match[]", "{a=\"b c&d=e+f%\"}"), new Param("query", "1 + 1; €"));
        String encoded = FormCodec.encode(params);

        assertThat(encoded).doesNotContain(" ", "&d", ";", "€").startsWith("match%5B%5D=");
        assertThat(FormCodec.decode(encoded.getBytes(StandardCharsets.UTF_8), "form body")).isEqualTo(params);
    }
}
