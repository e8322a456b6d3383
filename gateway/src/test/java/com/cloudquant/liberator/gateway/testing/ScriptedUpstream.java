package com.cloudquant.liberator.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Prometheus on a raw socket, for what a real HTTP server will not do on request: header
 * names spelled two ways, {@code Connection}-listed headers, redirects, and answers written byte
 * by byte on the test's schedule (late, or larger than the socket buffers, to see whether the
 * gateway reads them). Keeps each connection alive for the next request, like Prometheus.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** Writes the whole answer to one request; {@code requestHead} is the request line and headers. */
    @FunctionalInterface
    public interface Script {
        void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Script script = (head, out) -> out.write(answer("200 OK", "", "{}"));

    public ScriptedUpstream() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptAll, "scripted-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An HTTP/1.1 answer with a Content-Length; {@code headers} are extra lines, each ending in CRLF. */
    public static byte[] answer(String status, String headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void script(Script next) {
        script = next;
    }

    /** Request line and headers of every request received so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread serving = new Thread(() -> serve(connection), "scripted-upstream-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            String head;
            while ((head = readHead(in)) != null) {
                in.readNBytes(contentLength(head));
                requests.add(head);
                OutputStream out = connection.getOutputStream();
                script.answer(head, out);
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the gateway closed the connection (or the test is over)
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        for (int c; (c = in.read()) >= 0; ) {
            head.write(c);
            lastFour = (lastFour << 8) | c;
            if (lastFour == 0x0d0a0d0a) { // CR LF CR LF: end of the headers
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
