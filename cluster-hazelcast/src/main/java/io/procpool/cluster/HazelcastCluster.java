package io.procpool.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.procpool.cluster.internal.ClusterKey;
import io.procpool.cluster.internal.ClusterLauncher;
import io.procpool.cluster.internal.ClusterSettings;
import io.procpool.cluster.internal.PoolAddress;
import io.procpool.spi.WorkerLauncher;
import io.procpool.transport.netty.NettyTransportModule;
import io.procpool.transport.netty.NettyTransportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cluster mode: the pool's workers run on the machines of a Hazelcast cluster, started there by
 * each machine's {@link ClusterAgent}, and reach the pool over the netty transport's TCP mode.
 * Hand it to the builder in place of a transport:
 *
 * <pre>{@code
 * Pool pool = ProcessPool.builder()
 *     .transport(HazelcastCluster.at("10.0.0.5:5701", "10.0.0.6:5701").keyFile(Path.of("cluster.key")).build())
 *     .workers(6)
 *     .build();
 * }</pre>
 *
 * <p>The pool joins as a Hazelcast client, never as a member; pools of one JVM that name the same
 * cluster and members share one client, which leaves with the last of them. Hazelcast carries only launch
 * requests and their answers, each sealed with the cluster key; tasks and results go over the
 * workers' own connections to the pool, and agents fetch the pool's jars from it. Both listen on
 * the {@linkplain Builder#poolAddress pool's address}: loopback when every member named is on
 * loopback, otherwise the address this machine reaches the first member from, and then with TLS,
 * the pool's certificates pinned in the sealed launch requests.
 *
 * <p>A program that is handed the module by its class name (a test kit's programs, a framework
 * that instantiates modules) uses the {@linkplain #HazelcastCluster() no-argument constructor},
 * which reads the cluster from system properties:
 * {@code -Dprocpool.cluster.members=10.0.0.5:5701,10.0.0.6:5701 -Dprocpool.cluster.keyFile=cluster.key}.
 */
public final class HazelcastCluster extends AbstractModule {
  /** How long an agent may take to answer a launch request by default, in seconds. */
  public static final int DEFAULT_ANSWER_SECONDS = 30;
  private static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(DEFAULT_ANSWER_SECONDS);
  /** The system property that names the cluster's members for {@link #HazelcastCluster()}: {@code host:port,...}. */
  public static final String MEMBERS_PROPERTY = "procpool.cluster.members";
  /** The system property that names the cluster key file for {@link #HazelcastCluster()}. */
  public static final String KEY_FILE_PROPERTY = "procpool.cluster.keyFile";
  /** The system property that names the cluster for {@link #HazelcastCluster()}; optional. */
  public static final String NAME_PROPERTY = "procpool.cluster.name";
  private final ClusterSettings settings;
  private final int maxFrameBytes;

  private HazelcastCluster(ClusterSettings settings, int maxFrameBytes) {
    this.settings = settings;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * The cluster that this JVM's system properties name: its members in {@value #MEMBERS_PROPERTY}
   * ({@code host:port}, comma-separated), its key file in {@value #KEY_FILE_PROPERTY}, and its
   * name in {@value #NAME_PROPERTY} ({@value ClusterAgent#DEFAULT_CLUSTER_NAME} if unset). For
   * code that makes the module from its class name; other code uses {@link #at}.
   *
   * @throws IllegalStateException if {@value #MEMBERS_PROPERTY} or {@value #KEY_FILE_PROPERTY} is unset
   * @throws UncheckedIOException if the key file cannot be read or is open to others
   */
  public HazelcastCluster() {
    this(fromSystemProperties());
  }

  private HazelcastCluster(HazelcastCluster built) {
    this(built.settings, built.maxFrameBytes);
  }

  private static HazelcastCluster fromSystemProperties() {
    String members = required(MEMBERS_PROPERTY, "the cluster's members, host:port,...");
    String keyFile = required(KEY_FILE_PROPERTY, "the cluster key file");
    return at(Arrays.stream(members.split(",")).map(String::trim).toArray(String[]::new)).keyFile(Path.of(keyFile))
        .clusterName(System.getProperty(NAME_PROPERTY, ClusterAgent.DEFAULT_CLUSTER_NAME)).build();
  }

  private static String required(String property, String what) {
    String value = System.getProperty(property, "").trim();
    if (value.isEmpty()) {
      throw new IllegalStateException("new HazelcastCluster() needs the system property " + property + " (" + what
          + "); or build the module with HazelcastCluster.at(...)");
    }
    return value;
  }

  /**
   * Starts describing a cluster by the addresses of some of its members.
   *
   * @param members {@code host:port} of one or more agents (any one that answers will do)
   * @return a builder
   */
  public static Builder at(String... members) {
    return new Builder(Arrays.asList(members));
  }

  @Override
  protected void configure() {
    install(new NettyTransportModule(NettyTransportOptions.builder()
        .tcp(settings.poolAddress(), settings.workerPort()).maxFrameBytes(maxFrameBytes).build()));
    // A provider rather than a @Provides method, which Guice would call through a class it generates.
    bind(WorkerLauncher.class).toProvider(() -> new ClusterLauncher(settings)).in(Singleton.class);
  }

  /** Says where the cluster is and how to reach it. */
  public static final class Builder {
    private final List<String> members;
    private String clusterName = ClusterAgent.DEFAULT_CLUSTER_NAME;
    private Path keyFile;
    private int workersPerMember = Integer.MAX_VALUE;
    private Duration answerWithin = DEFAULT_ANSWER_WITHIN;
    private InetAddress poolAddress;
    private int workerPort;
    private int jarPort;
    private int maxFrameBytes = NettyTransportOptions.DEFAULT_MAX_FRAME_BYTES;

    private Builder(List<String> members) {
      if (members.isEmpty()) {
        throw new IllegalArgumentException("name at least one member of the cluster, as host:port");
      }
      members.forEach(member -> Objects.requireNonNull(member, "member"));
      this.members = new ArrayList<>(members);
    }

    /**
     * The cluster's name, which its agents were started with.
     *
     * @param name the name; {@value ClusterAgent#DEFAULT_CLUSTER_NAME} unless set
     * @return this builder
     */
    public Builder clusterName(String name) {
      this.clusterName = Objects.requireNonNull(name, "clusterName");
      return this;
    }

    /**
     * The file that holds the cluster key, readable by its owner only (required).
     *
     * @param file the key file the agents were started with
     * @return this builder
     */
    public Builder keyFile(Path file) {
      this.keyFile = Objects.requireNonNull(file, "keyFile");
      return this;
    }

    /**
     * The most workers of this pool one agent runs at a time; by default no limit, the workers
     * being spread over the agents in turn.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder workersPerMember(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workersPerMember must be at least 1, not " + count);
      }
      this.workersPerMember = count;
      return this;
    }

    /**
     * How long an agent may take to answer a request to start a worker, fetching the pool's jars
     * included. An agent does not answer a request it refused (sealed with another key), so a
     * worker unanswered this long counts as one that failed to start, and after three the pool
     * breaks saying what to check.
     *
     * @param timeout {@value #DEFAULT_ANSWER_SECONDS} s unless set
     * @return this builder
     */
    public Builder answerWithin(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("answerWithin must be positive, not " + timeout);
      }
      this.answerWithin = timeout;
      return this;
    }

    /**
     * The address of this machine's that the agents' machines reach it at: its workers connect
     * to it, and its agents fetch the pool's jars from it. Anything but loopback is served with
     * TLS only. By default loopback if every member named is on loopback, otherwise the address
     * this machine sends from toward the first member not on loopback, which on a machine with one network is
     * the right one.
     *
     * @param address one of this machine's addresses, not the wildcard
     * @return this builder
     * @throws IllegalArgumentException if {@code address} is the wildcard address
     */
    public Builder poolAddress(InetAddress address) {
      Objects.requireNonNull(address, "poolAddress");
      if (address.isAnyLocalAddress()) {
        throw new IllegalArgumentException("poolAddress goes to each worker as where to connect; "
            + address.getHostAddress() + " is the wildcard: give the address agents reach this machine at");
      }
      this.poolAddress = address;
      return this;
    }

    /**
     * The ports the pool listens on at its {@link #poolAddress}, for a firewall that lets the
     * agents' machines in to those only; by default ports the system chooses. One pool at a time
     * can use them.
     *
     * @param workers where its workers connect (TLS off loopback), 1 to 65535, or 0
     * @param jars where its agents fetch its jars (HTTPS off loopback), 1 to 65535, or 0
     * @return this builder
     * @throws IllegalArgumentException if a port is out of range, or both are the same one
     */
    public Builder poolPorts(int workers, int jars) {
      for (int port : new int[] {workers, jars}) {
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("a TCP port is from 1 to 65535 (or 0 for any free one), not " + port);
        }
      }
      if (workers == jars && workers != 0) {
        throw new IllegalArgumentException("the workers' port and the jars' port must differ; both are " + workers);
      }
      this.workerPort = workers;
      this.jarPort = jars;
      return this;
    }

    /**
     * The largest frame (a batch of tasks, or one result) the pool and its workers accept, as the
     * netty transport's {@link NettyTransportOptions.Builder#maxFrameBytes} says.
     *
     * @param bytes {@link NettyTransportOptions#DEFAULT_MAX_FRAME_BYTES} unless set
     * @return this builder
     * @throws IllegalArgumentException if the netty transport refuses it, saying its range
     */
    public Builder maxFrameBytes(int bytes) {
      NettyTransportOptions.builder().maxFrameBytes(bytes); // its range, checked where it is defined
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * Reads the key and returns the module to give {@code PoolBuilder.transport}.
     *
     * @return the cluster's module
     * @throws IllegalStateException if no key file was named
     * @throws UncheckedIOException if the key file cannot be read or is open to others
     * @throws IllegalArgumentException if no pool address was given and none can be found toward the members
     */
    public HazelcastCluster build() {
      return new HazelcastCluster(settings(), maxFrameBytes);
    }

    /** What {@link #build()} gives the launcher, the key read. */
    ClusterSettings settings() {
      if (keyFile == null) {
        throw new IllegalStateException("name the cluster key file with keyFile(path): agents start workers"
            + " only for requests sealed with it");
      }
      try {
        return new ClusterSettings(clusterName, List.copyOf(members), ClusterKey.readFrom(keyFile), workersPerMember,
            answerWithin, poolAddress != null ? poolAddress : PoolAddress.toward(members), workerPort, jarPort);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
  }
}
