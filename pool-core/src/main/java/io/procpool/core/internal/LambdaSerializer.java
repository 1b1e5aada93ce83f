package io.procpool.core.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Serializes lambdas and method references through their {@link SerializedLambda} form, read with
 * its public getters and rebuilt with its public constructor and the capturing class's own
 * {@code $deserializeLambda$}. Unlike Kryo's ClosureSerializer this needs no
 * {@code --add-opens java.base/java.lang.invoke}, in the pool or in the worker.
 */
final class LambdaSerializer extends Serializer<Object> {

  @Override
  public void write(Kryo kryo, Output output, Object lambda) {
    SerializedLambda form = serializedForm(lambda);
    output.writeString(form.getCapturingClass());
    output.writeString(form.getFunctionalInterfaceClass());
    output.writeString(form.getFunctionalInterfaceMethodName());
    output.writeString(form.getFunctionalInterfaceMethodSignature());
    output.writeVarInt(form.getImplMethodKind(), true);
    output.writeString(form.getImplClass());
    output.writeString(form.getImplMethodName());
    output.writeString(form.getImplMethodSignature());
    output.writeString(form.getInstantiatedMethodType());
    output.writeVarInt(form.getCapturedArgCount(), true);
    for (int i = 0; i < form.getCapturedArgCount(); i++) {
      kryo.writeClassAndObject(output, form.getCapturedArg(i));
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
    String capturingClassName = input.readString().replace('/', '.');
    String interfaceClass = input.readString();
    String interfaceMethod = input.readString();
    String interfaceSignature = input.readString();
    int implKind = input.readVarInt(true);
    String implClass = input.readString();
    String implMethod = input.readString();
    String implSignature = input.readString();
    String instantiatedType = input.readString();
    Object[] captured = new Object[input.readVarInt(true)];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = kryo.readClassAndObject(input);
    }
    try {
      Class<?> capturingClass = Class.forName(capturingClassName, false, kryo.getClassLoader());
      SerializedLambda form = new SerializedLambda(capturingClass, interfaceClass, interfaceMethod,
          interfaceSignature, implKind, implClass, implMethod, implSignature, instantiatedType, captured);
      Method rebuild = capturingClass.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
      rebuild.setAccessible(true);
      return rebuild.invoke(null, form);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new KryoException("cannot rebuild lambda " + implClass + "::" + implMethod
          + " captured in " + capturingClassName + ": " + e, e);
    }
  }

  private static SerializedLambda serializedForm(Object lambda) {
    try {
      Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      return (SerializedLambda) writeReplace.invoke(lambda);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new KryoException("lambda " + lambda.getClass().getName() + " is not serializable: only"
          + " lambdas of a Serializable interface (Task, TaskFunction, ...) can be sent: " + e, e);
    }
  }
}
