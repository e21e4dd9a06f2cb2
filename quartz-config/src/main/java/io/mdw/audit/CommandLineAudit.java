package io.mdw.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records what an operator did with {@code ./mdw} (keys, symbols, loads) in api_key_audit, beside what the API's keys
 * did: who (the OS user; no key acted, so api_key_id is null), what (the action, the command and its arguments as
 * typed, the key or load job it concerned), when, and from where (user@host). Shared by the API's and the batch
 * node's command lines, which both have the warehouse as a JDBC DataSource.
 */
public final class CommandLineAudit {

    private final JdbcClient jdbc;

    public CommandLineAudit(DataSource warehouse) {
        this.jdbc = JdbcClient.create(warehouse);
    }

    /**
     * @param action    what was done, e.g. "symbol.add"
     * @param command   the command, e.g. "mdw symbols add"
     * @param arguments its arguments as typed; the audited commands take no secret
     * @param targetJob the load job it queued, restarted or was refused for, or null
     * @param targetKey the API key it created, or null
     */
    public void record(String action, String command, List<String> arguments, String targetJob, Long targetKey) {
        String user = System.getProperty("user.name");
        jdbc.sql("""
                        INSERT INTO api_key_audit (key_name, action, method, path, remote_address, target_key_id,
                                                   target_job_id, request_summary)
                        VALUES (:who, :action, 'CLI', :command, :where, :targetKey, :targetJob, :arguments)
                        """)
                .param("who", "cli:" + user)
                .param("action", action + " (" + command + ")")
                .param("command", command)
                .param("where", user + "@" + hostName())
                .param("targetKey", targetKey)
                .param("targetJob", targetJob)
                .param("arguments", arguments.isEmpty() ? null : String.join(" ", arguments))
                .update();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
