package dev.ocspwatch.lab.world;

import dev.ocspwatch.lab.scenario.Fault;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fault switches in force: those of the scenario plus any a test sets or clears at run
 * time. Read on every request, written rarely.
 */
public final class FaultBook {
    private final WorldTime time;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    public FaultBook(WorldTime time, List<Fault> initial) {
        this.time = time;
        this.faults.addAll(initial);
    }

    /** Switches a fault on (from now, unless it names its own window). */
    public void set(Fault fault) {
        faults.add(fault.from() == null ? withWindow(fault, time.storyAt(time.now()), fault.until()) : fault);
    }

    /**
     * Switches every fault of this kind off from now. Those that were on keep the window they
     * were on for (the ground truth reads blocked egress from it); those not yet on are dropped.
     */
    public synchronized void clear(Class<? extends Fault> kind) {
        Instant now = time.now();
        Duration story = time.storyAt(now);
        faults.removeIf(fault -> kind.isInstance(fault) && fault.from() != null && time.at(fault.from()).isAfter(now));
        faults.replaceAll(fault -> kind.isInstance(fault) && time.within(now, fault.from(), fault.until())
                ? withWindow(fault, fault.from(), story) : fault);
    }

    public List<Fault> all() {
        return List.copyOf(faults);
    }

    /**
     * The first fault of {@code kind} in force at {@code at} for this CA; {@code site} and
     * {@code region} narrow further for the kinds that name one (null matches any).
     */
    public <T extends Fault> Optional<T> active(Class<T> kind, String ca, String site, String region, Instant at) {
        for (Fault fault : faults) {
            if (kind.isInstance(fault) && matches(fault, ca, site, region) && time.within(at, fault.from(), fault.until())) {
                return Optional.of(kind.cast(fault));
            }
        }
        return Optional.empty();
    }

    /** The first CT fault of {@code kind} in force at {@code at} for this log. */
    public <T extends Fault> Optional<T> activeForLog(Class<T> kind, String log, Instant at) {
        for (Fault fault : faults) {
            if (kind.isInstance(fault) && (fault.log() == null || fault.log().equals(log))
                    && time.within(at, fault.from(), fault.until())) {
                return Optional.of(kind.cast(fault));
            }
        }
        return Optional.empty();
    }

    /** Every fault of {@code kind} for this CA and site in force at {@code at}. */
    public <T extends Fault> List<T> allActive(Class<T> kind, String ca, String site, Instant at) {
        return faults.stream().filter(kind::isInstance).filter(f -> matches(f, ca, site, null))
                .filter(f -> time.within(at, f.from(), f.until())).map(kind::cast).toList();
    }

    /** A copy of {@code fault} on from {@code from} until {@code until} (story time; null for open). */
    private static Fault withWindow(Fault fault, Duration from, Duration until) {
        RecordComponent[] components = fault.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = switch (components[i].getName()) {
                    case "from" -> from;
                    case "until" -> until;
                    default -> components[i].getAccessor().invoke(fault);
                };
            }
            return (Fault) fault.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy fault " + fault + ": " + e, e);
        }
    }

    private static boolean matches(Fault fault, String ca, String site, String region) {
        if (fault.ca() != null && ca != null && !fault.ca().equals(ca)) {
            return false;
        }
        if (fault.site() != null && site != null && !fault.site().equals(site)) {
            return false;
        }
        return fault.region() == null || region == null || fault.region().equals(region);
    }
}
