package dev.parley.gateway.cleanroom;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body as a blocking {@link InputStream} for a worker thread, with backpressure: the
 * event loop queues the chunks Vert.x delivers and pauses the request once {@value #HIGH_WATER}
 * bytes wait; the reader resumes it (on the request's context) when the queue has drained to
 * {@value #LOW_WATER}. So at most about {@code HIGH_WATER} plus one chunk is held, whatever the
 * body's size.
 *
 * <p>Failures the reader sees: more than {@code limit} bytes ({@link TooLarge}, after which the
 * excess is dropped), no data for {@code idle} ({@link Stalled}), and the connection failing before
 * the end of the body (an {@link IOException}).
 */
final class BodyInputStream extends InputStream {
  /** Queued bytes at which the request is paused. */
  static final int HIGH_WATER = 4 << 20;

  /** Queued bytes at which a paused request is resumed. */
  static final int LOW_WATER = 1 << 20;

  /** The body exceeded the route's limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("body: larger than " + limit + " bytes");
    }
  }

  /** The client sent nothing for too long. */
  static final class Stalled extends IOException {
    private static final long serialVersionUID = 1L;

    Stalled(Duration idle) {
      super("body: no data received for " + idle.toSeconds() + " s");
    }
  }

  private final HttpServerRequest request;
  private final Context context;
  private final long limit;
  private final Duration idle;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private long queued;
  private long received;
  private boolean paused;
  private boolean ended;
  private boolean tooLarge;
  private Throwable failure;
  private byte[] current = new byte[0];
  private int position;

  private BodyInputStream(HttpServerRequest request, Context context, long limit, Duration idle) {
    this.request = request;
    this.context = context;
    this.limit = limit;
    this.idle = idle;
  }

  /**
   * Starts receiving a request's body; call on the request's event loop.
   *
   * @param request the request (may be paused; it is resumed)
   * @param context the request's context, where pause and resume run
   * @param limit the most body bytes accepted
   * @param idle how long the reader waits for data before failing
   * @return the stream
   */
  static BodyInputStream attach(
      HttpServerRequest request, Context context, long limit, Duration idle) {
    BodyInputStream in = new BodyInputStream(request, context, limit, idle);
    request.handler(in::onChunk);
    request.endHandler(v -> in.onEnd());
    request.exceptionHandler(in::onFailure);
    request.resume();
    return in;
  }

  private void onChunk(Buffer chunk) {
    lock.lock();
    try {
      received += chunk.length();
      if (received > limit) {
        if (!tooLarge) {
          tooLarge = true;
          changed.signalAll();
        }
        return;
      }
      queue.add(chunk);
      queued += chunk.length();
      if (queued >= HIGH_WATER && !paused) {
        paused = true;
        request.pause();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void onEnd() {
    lock.lock();
    try {
      ended = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void onFailure(Throwable t) {
    lock.lock();
    try {
      if (failure == null) {
        failure = t;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether the whole body arrived within the limit.
   *
   * @return true once the request ended without exceeding the limit
   */
  boolean complete() {
    lock.lock();
    try {
      return ended && !tooLarge;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether the body exceeded the limit.
   *
   * @return true if more than {@code limit} bytes were sent
   */
  boolean tooLarge() {
    lock.lock();
    try {
      return tooLarge;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops queueing: the rest of the body is read and dropped (so the client can finish sending and
   * read the answer), unless it exceeds the limit. Call on the request's event loop.
   */
  void discardRest() {
    lock.lock();
    try {
      queue.clear();
      queued = 0;
      paused = false;
    } finally {
      lock.unlock();
    }
    request.handler(
        chunk -> {
          lock.lock();
          try {
            received += chunk.length();
            tooLarge |= received > limit;
          } finally {
            lock.unlock();
          }
        });
    request.resume();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position == current.length && !fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  /** Takes the next chunk, waiting for one; false at the end of the body. */
  private boolean fill() throws IOException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + idle.toNanos();
      while (true) {
        if (tooLarge) {
          throw new TooLarge(limit);
        }
        Buffer next = queue.poll();
        if (next != null) {
          queued -= next.length();
          if (paused && queued <= LOW_WATER) {
            paused = false;
            context.runOnContext(v -> request.resume());
          }
          current = next.getBytes();
          position = 0;
          return true;
        }
        if (failure != null) {
          throw new IOException("body: the connection failed before the end of the body", failure);
        }
        if (ended) {
          return false;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new Stalled(idle);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("body: interrupted while waiting for data", e);
    } finally {
      lock.unlock();
    }
  }
}
