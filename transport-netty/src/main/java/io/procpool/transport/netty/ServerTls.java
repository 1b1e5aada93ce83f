package io.procpool.transport.netty;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.procpool.transport.netty.internal.TlsIdentity;
import javax.net.ssl.SSLException;

/**
 * The pool's TLS when it listens on an address other machines reach: a certificate made for this
 * run, whose pin each worker gets in its launch ticket, and the JDK's TLS 1.3 in front of the
 * handshake on every accepted channel. The handshake still runs inside: TLS proves the pool to
 * the worker and hides the frames, the secret proves the worker to the pool.
 */
final class ServerTls {
  static final String HANDLER = "tls";

  private final SslContext context;
  private final String pin;

  private ServerTls(SslContext context, String pin) {
    this.context = context;
    this.pin = pin;
  }

  static ServerTls generate() {
    TlsIdentity identity = TlsIdentity.generate("procpool pool " + ProcessHandle.current().pid());
    try {
      SslContext context = SslContextBuilder.forServer(identity.privateKey(), identity.certificate())
          .sslProvider(SslProvider.JDK).protocols(TlsIdentity.PROTOCOL).build();
      return new ServerTls(context, identity.pin());
    } catch (SSLException e) {
      throw new IllegalStateException("the netty transport cannot set up TLS: " + e, e);
    }
  }

  String pin() {
    return pin;
  }

  /** First in the pipeline: nothing is read or written in the clear. */
  void addTo(Channel channel) {
    channel.pipeline().addFirst(HANDLER, context.newHandler(channel.alloc()));
  }
}
