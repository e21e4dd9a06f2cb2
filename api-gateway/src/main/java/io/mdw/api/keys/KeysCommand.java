package io.mdw.api.keys;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.mdw.api.ApiApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdw keys create --name ops --scopes admin}: a new API key, printed once, stored hashed, audited. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = KeysCommand.Create.class)
public class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key and print it once.")
    static class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "who or what the key is for")
        String name;

        @Option(names = "--scopes", split = ",", defaultValue = "read",
                description = "read, trigger, admin (admin implies the others; default read)")
        List<String> scopes;

        @Override
        public Integer call() {
            String keyName = ApiKey.name(name);
            List<String> codes = scopes.stream().map(Scope::fromCode).map(Scope::code).distinct().toList();
            SpringApplication application = new SpringApplication(ApiApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            try (var context = application.run("--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
                ApiKeyRepository keys = context.getBean(ApiKeyRepository.class);
                String key = KeyMaterial.newKey();
                ApiKey created = keys.insert(keyName, KeyMaterial.hash(key), KeyMaterial.preview(key), codes).block();
                String who = System.getProperty("user.name") + "@" + hostName();
                keys.audit(new ApiKeyPrincipal(created.id(), created.name(), codes.stream().map(Scope::fromCode).toList()),
                        "key.create (mdw keys create)", "CLI", "mdw keys create", null, who, created.id(), null,
                        null).block();
                PrintWriter out = spec.commandLine().getOut();
                out.println("Created API key " + created.id() + " '" + keyName + "' with scopes " + String.join(",", codes)
                        + ". It is shown only this once:");
                out.println(key);
                out.flush();
            }
            return 0;
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
