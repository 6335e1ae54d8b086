package io.edgesec.aggregator.internal;
public final class Mix { public static io.edgesec.api.event.SecurityEvent[] events(int n) { Workload w = new Workload(7); var a = new io.edgesec.api.event.SecurityEvent[n]; for (int i = 0; i < n; i++) a[i] = w.next(); return a; } }
