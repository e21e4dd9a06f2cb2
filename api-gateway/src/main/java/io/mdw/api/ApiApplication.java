package io.mdw.api;

import java.io.PrintWriter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The HTTP API of the warehouse: reads over R2DBC, jobs through the clustered scheduler, keys with audit. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

    public static void main(String[] args) {
        if (ApiCommand.handles(args)) {
            System.exit(ApiCommand.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
        }
        SpringApplication.run(ApiApplication.class, args);
    }
}
