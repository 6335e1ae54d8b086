// collector-audit/bench/ab.sh: one build's audit pipeline over the log, one pass per call, in
// that build's own class loader. Compiled against each build's classes; only what every commit
// since the pipeline took an EventOutput has is used (the UserNames class moved: found by
// reflection from the constructor's parameter type).
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.pipeline.EventOutput;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

public class AuditRunner implements Function<String, long[]> {
    private final Path log = Path.of(System.getProperty("ab.log"));
    private final Set<EventKind> kinds = kinds(System.getProperty("kinds", "all"));
    private final boolean serialize = !"off".equals(System.getProperty("serialize"));
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    /** all: every kind this build knows; base: the four of the base (ProcessCreate, ConnectionCreate, Login, AccountChange). */
    private static Set<EventKind> kinds(String which) {
        if (which.equals("all")) {
            return EnumSet.allOf(EventKind.class);
        }
        Set<EventKind> s = EnumSet.noneOf(EventKind.class);
        for (String n : new String[] {"PROCESS_CREATE", "CONNECTION_CREATE", "LOGIN", "ACCOUNT_CHANGE"}) {
            s.add(EventKind.valueOf(n));
        }
        return s;
    }

    /**
     * "pass": one timed pass; returns {thread CPU ns, records, security events, bytes allocated,
     * process CPU ns (JIT and GC threads too), ms the JIT spent compiling meanwhile}.
     * "digest": one untimed pass; returns {0, records, events, 0, the first 8 bytes of the SHA-256
     * of every event's name, timestamp and payload in order} (ids are random, so not the JSON).
     */
    @Override
    public long[] apply(String what) {
        try {
            boolean digest = what.equals("digest");
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long[] events = new long[1];
            EventOutput out = digest ? e -> {
                events[0]++;
                md.update((e.name() + '|' + e.timestamp() + '|' + e.payload() + '\n').getBytes(StandardCharsets.UTF_8));
            } : serialize ? e -> events[0] += e.utf8Size() > 0 ? 1 : 0 : e -> events[0]++;
            AuditPipeline p = pipeline(out);
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long p0 = os.getProcessCpuTime();
            long j0 = jit.getTotalCompilationTime();
            long c0 = threads.getCurrentThreadCpuTime();
            LineSplitter s = p.splitter();
            try (FileChannel ch = FileChannel.open(log)) {
                long off = 0;
                int n;
                while ((n = ch.read(buf.clear(), off)) > 0) {
                    s.feed(buf.array(), 0, n, off);
                    off += n;
                }
            }
            s.finish();
            p.finish();
            long cpu = threads.getCurrentThreadCpuTime() - c0;
            long process = os.getProcessCpuTime() - p0;
            long compiling = jit.getTotalCompilationTime() - j0;
            long alloc = threads.getCurrentThreadAllocatedBytes() - a0;
            long records = p.counters().records();
            if (digest) {
                return new long[] {0, records, events[0], 0, java.nio.ByteBuffer.wrap(md.digest()).getLong()};
            }
            return new long[] {cpu, records, events[0], alloc, process, compiling};
        } catch (Exception x) {
            throw new RuntimeException(x);
        }
    }

    private AuditPipeline pipeline(EventOutput out) throws Exception {
        for (Constructor<?> c : AuditPipeline.class.getConstructors()) {
            Class<?>[] t = c.getParameterTypes();
            if (t.length == 5 && t[3] == EventOutput.class) {
                Object none = t[2].getField("NONE").get(null);
                return (AuditPipeline) c.newInstance(log.toString(), kinds, none, out, 2000L);
            }
        }
        throw new IllegalStateException("no AuditPipeline(String, Set, UserNames, EventOutput, long)");
    }
}
