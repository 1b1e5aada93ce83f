// An application module as its authors would write it; ModulePathTest compiles it against procpool's jars.
module app {
  requires io.procpool.api;
  requires io.procpool.core;
  // The pool reads the app's lambdas (io.procpool.core) and values (Kryo) by reflection.
  opens app to io.procpool.core, com.esotericsoftware.kryo;
}
