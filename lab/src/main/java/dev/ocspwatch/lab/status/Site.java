package dev.ocspwatch.lab.status;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A CA data centre: web nodes behind a load balancer, each request served from a replica picked
 * at random, which is why a site with some stale replicas fails intermittently. The picks come
 * from a seeded generator: the same requests in the same order pick the same replicas.
 */
public final class Site {
    private final String name;
    private final List<Replica> replicas;
    private SplittableRandom random;

    public Site(String name, int replicaCount, long seed) {
        this.name = name;
        List<Replica> list = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            list.add(new Replica(name, i));
        }
        this.replicas = List.copyOf(list);
        this.random = new SplittableRandom(seed);
    }

    public String name() {
        return name;
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /** The replica the load balancer sends this request to. */
    public synchronized Replica pick() {
        return replicas.get(random.nextInt(replicas.size()));
    }
}
