package org.cix.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between two nodes that the test makes misbehave: it resets every
 * connection (RST), delays every chunk, or cuts a connection after some bytes (a truncated
 * stream). Blocking sockets, two pump threads per connection.
 */
final class FaultyNetwork implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;
  private final AtomicLong cutAfterBytes = new AtomicLong(-1);
  private final AtomicLong connections = new AtomicLong();

  FaultyNetwork(int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    Thread acceptor = new Thread(this::accept, "faulty-network");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  long connections() {
    return connections.get();
  }

  /** Every open connection reset at once (both sides see RST). */
  void resetAll() {
    for (Socket socket : open) {
      reset(socket);
    }
  }

  /** Every chunk forwarded this much later (0: no delay). */
  void delay(long millis) {
    delayMillis = millis;
  }

  /** The next connection to carry {@code bytes} more bytes is cut there, mid-stream. */
  void cutAfter(long bytes) {
    cutAfterBytes.set(bytes);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        connections.incrementAndGet();
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // closed, or the target is down: the client sees its connection fail
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
          long cut = cutAfterBytes.get();
          if (cut >= 0) {
            if (cut < n && cutAfterBytes.compareAndSet(cut, -1)) {
              out.write(buffer, 0, (int) cut);
              out.flush();
              reset(from);
              reset(to);
              return;
            }
            cutAfterBytes.compareAndSet(cut, cut - n);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // reset or closed: the other direction ends too
      } finally {
        reset(from);
        reset(to);
      }
    }, "faulty-network-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already closed
    }
    open.remove(socket);
  }

  @Override
  public void close() throws IOException {
    server.close();
    resetAll();
  }
}
