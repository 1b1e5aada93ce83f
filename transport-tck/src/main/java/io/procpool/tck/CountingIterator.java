package io.procpool.tck;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 0, 1, 2, ... without end, as a lazy input for imap: counts the items it has handed out and
 * remembers which threads read it. Safe to observe from any thread.
 */
final class CountingIterator implements Iterator<Integer> {
  private volatile int handedOut;
  private final Set<Thread> readers = ConcurrentHashMap.newKeySet();

  @Override
  public boolean hasNext() {
    readers.add(Thread.currentThread());
    return true;
  }

  @Override
  public Integer next() {
    readers.add(Thread.currentThread());
    return handedOut++; // read by one thread only, which is what the tests check
  }

  int handedOut() {
    return handedOut;
  }

  Set<Thread> readers() {
    return Set.copyOf(readers);
  }
}
