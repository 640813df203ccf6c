package dev.orderpipeline.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class (or method) against a real Kafka broker and lets JUnit inject a
 * {@link KafkaCluster} into constructors, lifecycle methods and test methods.
 *
 * <p>The broker is started on first use and then shared by every test class in the JVM, because starting a
 * KRaft node costs seconds and hundreds of megabytes; tests stay independent by using
 * {@link KafkaCluster#uniqueName(String)} for topics, group ids and transactional ids.
 *
 * <pre>{@code
 * @RealKafka
 * class OrderIngestIT {
 *     @Test
 *     void shouldPublishAcceptedOrder(KafkaCluster kafka) {
 *         String topic = kafka.uniqueName("orders");
 *         kafka.createTopics(3, topic);
 *         try (var producer = new KafkaProducer<>(kafka.producerConfig(), keySerde.serializer(), valueSerde.serializer())) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Set {@value KafkaClusterExtension#BACKEND_PARAMETER}{@code =testcontainers} (system property or JUnit
 * configuration parameter) to run the same tests against a broker in Docker instead; without a reachable Docker
 * engine those tests are then skipped, not failed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(KafkaClusterExtension.class)
public @interface RealKafka {
}
