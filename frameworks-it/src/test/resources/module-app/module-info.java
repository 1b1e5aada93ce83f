// An application module as its authors would write it; ModulePathTest compiles it against procpool's jars.
// Its Point record travels as a value, which Kryo reads by reflection: the test's passing run adds
// --add-opens app/app=com.esotericsoftware.kryo, which is what `opens app to com.esotericsoftware.kryo;`
// here would do (README shows that line); its lambdas need nothing.
module app {
  requires io.procpool.api;
  requires io.procpool.core;
}
