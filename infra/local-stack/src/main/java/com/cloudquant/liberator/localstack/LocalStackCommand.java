package com.cloudquant.liberator.localstack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./run.sh}: starts the local stack in the foreground until Ctrl-C. */
@Command(name = "run.sh", mixinStandardHelpOptions = true,
        description = "Starts embedded Kafka, the token-service, two gateway replicas, Prometheus, "
                + "node exporter and nginx on this host, in the foreground. Ctrl-C stops them all.")
public final class LocalStackCommand implements Callable<Integer> {

    @Option(names = "--fresh", description = "Wipe the data directory first (all tokens, keys and metrics).")
    boolean fresh;

    @Option(names = "--data-dir", defaultValue = ".liberator", description = "State directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--http-port", defaultValue = "8080", description = "Public entry, HTTP (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", defaultValue = "8443", description = "Public entry, HTTPS (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--token-service-port", defaultValue = "8081", description = "Token service (default: ${DEFAULT-VALUE}).")
    int tokenServicePort;

    @Option(names = "--token-service-management-port", defaultValue = "9190",
            description = "Token service health and metrics, loopback only, never behind nginx (default: ${DEFAULT-VALUE}).")
    int tokenServiceManagementPort;

    @Option(names = "--gateway-ports", defaultValue = "8091,8092", split = ",",
            description = "Gateway replicas' ports, one per replica (default: ${DEFAULT-VALUE}).")
    List<Integer> gatewayPorts;

    @Option(names = "--gateway-management-ports", defaultValue = "9191,9192", split = ",",
            description = "Gateway replicas' management ports (default: ${DEFAULT-VALUE}).")
    List<Integer> gatewayManagementPorts;

    @Option(names = "--prometheus-port", defaultValue = "9090", description = "Upstream Prometheus (default: ${DEFAULT-VALUE}).")
    int prometheusPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded Kafka (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--node-exporter-port", defaultValue = "9100", description = "Node exporter (default: ${DEFAULT-VALUE}).")
    int nodeExporterPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStackCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String password = System.getenv("LIBERATOR_ADMIN_PASSWORD");
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            password = HexFormat.of().formatHex(bytes);
        }
        StackPorts ports = ports();
        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Options(dataDirectory, ports, fresh, password, Path.of(""),
                    java.time.Duration.ofSeconds(30), null));
        } catch (LocalStackException e) {
            err.println("run.sh: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        out.println(Banner.text(stack, generated));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The ports as given on the command line; the options' defaults are the documented ports, defined here only. */
    StackPorts ports() {
        return new StackPorts(httpPort, httpsPort, tokenServicePort, tokenServiceManagementPort, gatewayPorts,
                gatewayManagementPorts, prometheusPort, kafkaPort, nodeExporterPort);
    }
}
