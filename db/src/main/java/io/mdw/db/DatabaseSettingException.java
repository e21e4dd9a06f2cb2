package io.mdw.db;

/** A database setting that is missing or wrong, or a database that cannot be reached; the message is one line for the operator. */
public class DatabaseSettingException extends RuntimeException {

    public DatabaseSettingException(String message) {
        super(message);
    }

    public DatabaseSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
