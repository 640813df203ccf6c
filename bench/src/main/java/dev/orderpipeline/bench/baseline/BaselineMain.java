package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import java.util.Locale;

/**
 * Entry point of the baseline child processes:
 * {@code BaselineMain http|passthrough|output-contract|bare-consumer|webhook-contract}. Each role reads its settings
 * from the environment (see the role's class) and, except the two plain consumers, serves
 * {@code /health/ready} on {@code HTTP_PORT} so the harness knows when it runs.
 */
public final class BaselineMain {

    private BaselineMain() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BaselineMain http|passthrough|output-contract|bare-consumer|webhook-contract");
            System.exit(2);
        }
        final Env env = Env.fromSystem();
        switch (args[0].toLowerCase(Locale.ROOT)) {
            case "http" -> TrivialHttpServer.start(env);
            case "passthrough" -> PassThroughApp.start(env);
            case "output-contract" -> OutputContractApp.start(env);
            case "bare-consumer" -> System.exit(BareConsumer.run(env, System.out));
            case "webhook-contract" -> System.exit(WebhookContractConsumer.run(env, System.out));
            default -> {
                System.err.println("unknown role " + args[0]);
                System.exit(2);
            }
        }
    }
}
