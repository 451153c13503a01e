package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.Observation;

/** Where the scheduler hands each observation: bounded, never blocking, never dropping. */
interface ObservationSink {
    /** Takes the observation; always accepted (the caller stops probing while {@link #full()}). */
    void publish(Observation observation);

    /** True while as many observations are held as the bound allows: no new probe should start. */
    boolean full();
}
