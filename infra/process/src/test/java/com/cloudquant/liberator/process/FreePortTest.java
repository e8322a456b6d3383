package com.cloudquant.liberator.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsAreBindableDistinctAndOutsideTheRangeOutgoingConnectionsTakeTheirsFrom() throws Exception {
        int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).split("\\s+")[0]);
        int[] ports = FreePort.distinct(200);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(200);
        assertThat(Arrays.stream(ports).boxed().toList()).allSatisfy(port -> assertThat(port).isBetween(10_000, ephemeralStart - 1));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(FreePort.LOOPBACK))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortInUseIsNeverPicked() throws Exception {
        int[] ports = FreePort.distinct(50);
        try (ServerSocket taken = new ServerSocket(ports[0], 1, InetAddress.getByName(FreePort.LOOPBACK))) {
            assertThat(FreePort.distinct(500)).doesNotContain(taken.getLocalPort());
        }
    }
}
