// An application module as its authors would write it; ModulePathTest compiles it against procpool's jars.
module app {
  requires io.procpool.api;
  requires io.procpool.core;
  // Kryo reads the app's own types, sent as values (the Point record), by reflection.
  opens app to com.esotericsoftware.kryo;
}
