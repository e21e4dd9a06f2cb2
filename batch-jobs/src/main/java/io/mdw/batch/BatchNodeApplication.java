package io.mdw.batch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BatchNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(BatchNodeApplication.class, args);
    }
}
