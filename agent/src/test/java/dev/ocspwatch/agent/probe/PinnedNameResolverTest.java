package dev.ocspwatch.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinnedNameResolverTest {
    private final List<String> asked = new ArrayList<>();
    private final NameResolver others = host -> {
        asked.add(host);
        return Future.failedFuture(new UnknownHostException(host));
    };

    @Test
    void answersPinnedNamesInAnyCaseWithoutAskingFurther() throws Exception {
        InetAddress pop = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
        PinnedNameResolver resolver = new PinnedNameResolver(Map.of("OCSP.Example.com", List.of(pop)), others);
        assertEquals(List.of(pop), resolver.resolve("ocsp.example.COM").result());
        assertTrue(asked.isEmpty());
    }

    @Test
    void asksTheOtherResolverForEverythingElse() {
        PinnedNameResolver resolver = new PinnedNameResolver(Map.of(), others);
        Future<List<InetAddress>> answer = resolver.resolve("ocsp.other.net");
        assertTrue(answer.failed());
        assertTrue(answer.cause() instanceof UnknownHostException);
        assertEquals(List.of("ocsp.other.net"), asked);
    }
}
