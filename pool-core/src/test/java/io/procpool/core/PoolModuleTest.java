package io.procpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.name.Names;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mistakes a newcomer makes with {@link PoolModule}; pools that start are tested in frameworks-it. */
class PoolModuleTest {
  @Test
  void noTransportOnTheClassPathFailsTheInjectorAndSaysWhichDependencyToAdd() {
    PoolModule module = new PoolModule(ProcessPool.builder().workers(1));
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(module));
    assertTrue(e.getMessage().contains("No procpool transport on the class path: add the dependency"
        + " io.procpool:transport-pipes"), e.getMessage());
    assertEquals(Optional.empty(), module.pool());
    module.close(); // nothing was built: nothing to close, no error
  }

  @Test
  void anUnknownTransportNameIsNamed() {
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
        new PoolModule(Names.named("cpu"), ProcessPool.builder().transport("pipez"))));
    assertTrue(e.getMessage().contains("Unknown procpool transport 'pipez'"), e.getMessage());
  }

  @Test
  void twoPoolsUnderOneKeyAreRefusedBeforeEitherIsBuilt() {
    PoolModule first = new PoolModule(ProcessPool.builder().workers(1));
    PoolModule second = new PoolModule(ProcessPool.builder().workers(2));
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(first, second));
    assertTrue(e.getMessage().contains("Pool was bound multiple times"), e.getMessage());
    assertTrue(e.getMessage().contains("PoolModule.configure"), e.getMessage());
    assertEquals(Optional.empty(), first.pool());
    assertEquals(Optional.empty(), second.pool());
  }

  @Test
  void nullsAreRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> new PoolModule(null));
    assertEquals("builder", e.getMessage());
    e = assertThrows(NullPointerException.class,
        () -> new PoolModule((Class<? extends java.lang.annotation.Annotation>) null, ProcessPool.builder()));
    assertEquals("annotation", e.getMessage());
  }
}
