package dev.bulwark.detect.sigma;

import static dev.bulwark.detect.sigma.TestingSigma.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine shared by several threads gives every thread the answers it gives one. */
class TestSigmaConcurrency {
    @Test
    void sharedEngineAnswersAlikeOnEveryThread() throws Exception {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        SigmaEngine engine = SigmaEngine.build(TestingSigma.loadClean(loader, "cloudtrail.yml").rules(), List.of()).engine();
        List<LogEvent> events = List.of(
                event("{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\"}", LogSource.CLOUDTRAIL),
                event("{\"eventName\": \"CreateAccessKey\", \"note\": \"AKIAHONEYTOKEN\"}", LogSource.CLOUDTRAIL),
                event("{\"eventName\": \"GetObject\"}", LogSource.CLOUDTRAIL));
        List<Integer> expected = new ArrayList<>();
        for (LogEvent event : events) {
            expected.add(engine.evaluate(event).size());
        }
        assertThat(expected).containsExactly(1, 2, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    List<Integer> sizes = new ArrayList<>();
                    for (int round = 0; round < 2_000; round++) {
                        LogEvent event = events.get(round % events.size());
                        sizes.add(engine.evaluate(event).size());
                    }
                    return sizes;
                }));
            }
            for (Future<List<Integer>> result : results) {
                List<Integer> sizes = result.get();
                for (int round = 0; round < sizes.size(); round++) {
                    assertThat(sizes.get(round)).isEqualTo(expected.get(round % events.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
