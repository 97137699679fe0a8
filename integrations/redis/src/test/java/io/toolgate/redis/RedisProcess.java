package io.toolgate.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary embedded-redis ships) on a free loopback port, persisting to an
 * append-only file in its own directory, so that it can be stopped and started again with its data,
 * as a production Redis restarts.
 */
final class RedisProcess implements AutoCloseable {
  private final int port;
  private final Path dir;
  private RedisServer server;

  private RedisProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server on a free port. */
  static RedisProcess start() {
    try {
      RedisProcess r = new RedisProcess(freePort(), Files.createTempDirectory("toolgate-redis"));
      r.startAgain();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts the server (again) on its port, over its data. */
  void startAgain() {
    try {
      server =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("appendonly yes")
              .setting("appendfsync always")
              .setting("save \"\"")
              .setting("dir " + dir.toAbsolutePath())
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server; its data stays in its directory. */
  void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      if (server != null && server.isActive()) {
        server.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
