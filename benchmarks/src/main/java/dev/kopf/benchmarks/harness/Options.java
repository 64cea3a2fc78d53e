package dev.kopf.benchmarks.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line. Paths default to the repository layout: the benchmarks jar
 * in {@code benchmarks/target/}, the launcher at {@code kopf-cli/kopf}.
 */
record Options(int n, int rounds, int latencyCount, int latencyIntervalMillis, int writers,
        List<Framework> frameworks, List<Scenario> scenarios, Path kubeconfig,
        String namespace, Path outDir, int settleMillis, int timeoutSeconds, String javaHome,
        List<String> javaOpts, List<String> kopfJavaOpts, Path benchmarksJar, Path launcher,
        Path handlersJar, boolean warmUp, List<String> kopfArgs, int daemonCount,
        Path daemonsJar, List<Integer> replicas, boolean shardBacklog) {

    static final String USAGE = String.join("\n",
            "Usage: java -jar benchmarks/target/kopf-benchmarks.jar [options]",
            "  --n N                  objects in the backlog and stream scenarios (2000)",
            "  --rounds R             rounds of A B C alternation (3)",
            "  --latency-count M      objects in the latency scenario (200)",
            "  --latency-interval MS  one object every MS milliseconds (50)",
            "  --writers W            concurrent writers in the stream scenario (16)",
            "  --frameworks LIST      comma-separated: kopf,josdk,raw (all)",
            "  --scenarios LIST       comma-separated: backlog,stream,latency,busy-latency,",
            "                         daemons,sharding (backlog,stream,latency)",
            "  --daemon-count D       objects, one daemon each, in the daemons scenario (10000)",
            "  --replicas LIST        replica counts of the sharding scenario (1,2,4)",
            "  --shard-backlog        sharding: the objects exist before the replicas start",
            "                         (default: they come once the ring has formed)",
            "  --cluster              use the cluster of $KUBECONFIG instead of the embedded server",
            "  --kubeconfig FILE      use the cluster of this kubeconfig",
            "  --namespace NS         namespace of the objects (default)",
            "  --out DIR              logs and results (benchmarks/target/benchmark-runs)",
            "  --settle-ms MS         wait after all handled before counting writes (2000)",
            "  --timeout-s S          longest a run may take (120 + N/20)",
            "  --java-home DIR        JDK for the operator processes (this JVM's)",
            "  --java-opts \"FLAGS\"    JVM flags for the JOSDK and raw-client processes (none)",
            "  --kopf-java-opts \"FLAGS\" KOPF_JAVA_OPTS for the kopf launcher (none)",
            "  --kopf-args \"ARGS\"     more options for kopf run, e.g. \"--metrics URL\" (none)",
            "  --launcher FILE        the kopf launcher (kopf-cli/kopf)",
            "  --handlers FILE        the Kopf handler jar (kopf-benchmarks-*-handlers.jar)",
            "  --daemons FILE         the daemon handler jar (kopf-benchmarks-*-daemons.jar)",
            "  --no-warmup            skip the untimed first start of each operator");

    String java() {
        return Path.of(javaHome, "bin", "java").toString();
    }

    static Options parse(String[] args) throws IOException {
        int n = 2000;
        int rounds = 3;
        int latencyCount = 200;
        int latencyInterval = 50;
        int writers = 16;
        List<Framework> frameworks = List.of(Framework.values());
        List<Scenario> scenarios = Scenario.DEFAULTS;
        int daemonCount = 10_000;
        Path daemons = null;
        List<Integer> replicas = List.of(1, 2, 4);
        Path kubeconfig = null;
        String namespace = "default";
        Path outDir = null;
        int settle = 2000;
        Integer timeout = null;
        String javaHome = System.getProperty("java.home");
        List<String> javaOpts = List.of();
        List<String> kopfJavaOpts = List.of();
        List<String> kopfArgs = List.of();
        Path launcher = null;
        Path handlers = null;
        boolean warmUp = true;
        boolean shardBacklog = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--cluster")) {
                String env = System.getenv("KUBECONFIG");
                kubeconfig = env != null && !env.isEmpty()
                        ? Path.of(env.split(java.io.File.pathSeparator)[0])
                        : Path.of(System.getProperty("user.home"), ".kube", "config");
                continue;
            }
            if (arg.equals("--no-warmup")) {
                warmUp = false;
                continue;
            }
            if (arg.equals("--shard-backlog")) {
                shardBacklog = true;
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + arg + " needs a value.\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--n" -> n = positive(arg, value);
                case "--rounds" -> rounds = positive(arg, value);
                case "--latency-count" -> latencyCount = positive(arg, value);
                case "--latency-interval" -> latencyInterval = positive(arg, value);
                case "--writers" -> writers = positive(arg, value);
                case "--frameworks" -> frameworks = Arrays.stream(value.split(","))
                        .map(Framework::of).toList();
                case "--scenarios" -> scenarios = Arrays.stream(value.split(","))
                        .map(Scenario::of).toList();
                case "--kubeconfig" -> kubeconfig = Path.of(value);
                case "--namespace" -> namespace = value;
                case "--out" -> outDir = Path.of(value);
                case "--settle-ms" -> settle = Integer.parseInt(value);
                case "--timeout-s" -> timeout = positive(arg, value);
                case "--java-home" -> javaHome = value;
                case "--java-opts" -> javaOpts = flags(value);
                case "--kopf-java-opts" -> kopfJavaOpts = flags(value);
                case "--kopf-args" -> kopfArgs = flags(value);
                case "--launcher" -> launcher = Path.of(value);
                case "--handlers" -> handlers = Path.of(value);
                case "--daemon-count" -> daemonCount = positive(arg, value);
                case "--daemons" -> daemons = Path.of(value);
                case "--replicas" -> replicas = Arrays.stream(value.split(","))
                        .map(count -> positive(arg, count.trim())).toList();
                default -> throw new IllegalArgumentException(
                        "Unknown option: " + arg + ".\n" + USAGE);
            }
        }
        Path jar = locateBenchmarksJar();
        Path jarDir = jar.getParent();
        if (launcher == null) {
            launcher = firstExisting(jarDir.resolve("../../kopf-cli/kopf").normalize(),
                    Path.of("kopf-cli/kopf"));
        }
        if (handlers == null) {
            handlers = handlersJar(jarDir, "kopf-benchmarks-*-handlers.jar");
        }
        if (daemons == null) {
            daemons = handlersJar(jarDir, "kopf-benchmarks-*-daemons.jar");
        }
        if (outDir == null) {
            outDir = jarDir.resolve("benchmark-runs");
        }
        return new Options(n, rounds, latencyCount, latencyInterval, writers, frameworks,
                scenarios, kubeconfig, namespace, outDir, settle,
                timeout != null ? timeout : 120 + n / 20, javaHome, javaOpts, kopfJavaOpts, jar,
                launcher, handlers, warmUp, kopfArgs, daemonCount, daemons, replicas,
                shardBacklog);
    }

    private static int positive(String option, String value) {
        int parsed = Integer.parseInt(value);
        if (parsed <= 0) {
            throw new IllegalArgumentException(option + " must be > 0: " + value + ".");
        }
        return parsed;
    }

    static List<String> flags(String value) {
        List<String> flags = new ArrayList<>();
        for (String flag : value.trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                flags.add(flag);
            }
        }
        return flags;
    }

    private static Path locateBenchmarksJar() {
        try {
            return Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the benchmarks jar.", e);
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return candidates[0];
    }

    private static Path handlersJar(Path dir, String glob) throws IOException {
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, glob)) {
                for (Path jar : jars) {
                    return jar.toAbsolutePath();
                }
            }
        }
        return dir.resolve(glob.replace("-*-", "-"));
    }
}
