package io.procpool.progressbar;

import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * progressbar draws every bar on one daemon thread of its own, made by the first bar and never
 * ended. Made in the caller's thread group, it kept {@code mvn exec:java} waiting 15 s at exit
 * (exec:java joins the threads of the program's group) and warning about it. So the first bar is
 * made here, once, by a thread of the root group, whose threads exec:java leaves alone: the
 * library's thread is then born there.
 */
final class DrawingThread {
  private static boolean started;

  private DrawingThread() {}

  /** Makes sure the library's drawing thread exists, outside the caller's thread group. */
  static synchronized void ensureStarted() {
    if (started) {
      return;
    }
    started = true;
    Thread starter = new Thread(rootGroup(), DrawingThread::drawNothingOnce, "procpool-progressbar-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the bar still works; its thread may then be in the caller's group
    }
  }

  private static void drawNothingOnce() {
    new ProgressBarBuilder().setConsumer(new Silent()).build().close();
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }

  /** Draws nowhere. */
  private static final class Silent implements ProgressBarConsumer {
    @Override
    public int getMaxRenderedLength() {
      return 80;
    }

    @Override
    public void accept(String rendered) {}

    @Override
    public void close() {}
  }
}
